import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A scripted opener recording every open, read and close. */
public class Fake implements Solution.Opener {
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
