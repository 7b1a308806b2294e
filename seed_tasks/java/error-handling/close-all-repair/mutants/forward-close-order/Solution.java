import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Opens, reads and always closes numbered resources (last opened, first closed). */
public class Solution {
    public interface Resource {
        int read() throws IOException;

        void close();
    }

    public interface Opener {
        Resource open(int i) throws IOException;
    }

    public static int readAll(Opener opener, int n) {
        List<Resource> opened = new ArrayList<>();
        int current = 0;
        try {
            for (; current < n; current++) {
                opened.add(opener.open(current));
            }
            int sum = 0;
            for (current = 0; current < opened.size(); current++) {
                sum += opened.get(current).read();
            }
            return sum;
        } catch (IOException e) {
            throw new IllegalStateException("resource " + current, e);
        } finally {
            for (Resource r : opened) {
                r.close();
            }
        }
    }
}
