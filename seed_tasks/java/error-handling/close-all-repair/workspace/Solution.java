import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

public class Solution {
    public interface Resource {
        int read() throws IOException;

        void close();
    }

    public interface Opener {
        Resource open(int i) throws IOException;
    }

    public static int readAll(Opener opener, int n) {
        try {
            List<Resource> opened = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                opened.add(opener.open(i));
            }
            int sum = 0;
            for (Resource r : opened) {
                sum += r.read();
            }
            for (Resource r : opened) {
                r.close();
            }
            return sum;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
