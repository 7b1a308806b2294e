// JSON-lines driver: [k, xs...] -> the window maxima as a JSON array.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Arrays;

public class Driver {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            int[] v = Arrays.stream(line.replace("[", "").replace("]", "").split(","))
                    .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            int[] xs = Arrays.copyOfRange(v, 1, v.length);
            System.out.println(Arrays.toString(Solution.windowMax(xs, v[0])));
            System.out.flush();
        }
    }
}
