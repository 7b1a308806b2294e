// JSON-lines driver: [n, failOpenAt, failReadAt] -> the run's log and outcome as one string.
// (The differential build sees only Solution.java and this file, so the scripted
// opener of tests/Fake.java is repeated here.)
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;

public class Driver {
    static class Fake implements Solution.Opener {
        final List<String> log = new ArrayList<>();
        final int failOpenAt;
        final int failReadAt;

        Fake(int failOpenAt, int failReadAt) {
            this.failOpenAt = failOpenAt;
            this.failReadAt = failReadAt;
        }

        public Solution.Resource open(int i) throws IOException {
            log.add("open" + i);
            if (i == failOpenAt) throw new IOException("open " + i);
            return new Solution.Resource() {
                public int read() throws IOException {
                    log.add("read" + i);
                    if (i == failReadAt) throw new IOException("read " + i);
                    return i + 1;
                }

                public void close() {
                    log.add("close" + i);
                }
            };
        }

        /** The run as text: the log, then the result or the exception. */
        static String run(int n, int failOpenAt, int failReadAt) {
            Fake f = new Fake(failOpenAt, failReadAt);
            String outcome;
            try {
                outcome = "=" + Solution.readAll(f, n);
            } catch (IllegalStateException e) {
                outcome = "!" + e.getMessage() + "/" + (e.getCause() == null ? "-" : e.getCause().getMessage());
            }
            return String.join(" ", f.log) + " " + outcome;
        }
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            String[] p = line.replace("[", "").replace("]", "").split(",");
            String s = Fake.run(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()),
                    Integer.parseInt(p[2].trim()));
            System.out.println("\"" + s + "\"");
            System.out.flush();
        }
    }
}
