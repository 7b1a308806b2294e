import java.util.Arrays;

public class SolutionTest {
    static String w(int[] xs, int k) {
        return Arrays.toString(Solution.windowMax(xs, k));
    }

    public static void testExample() {
        CcRunner.eq(w(new int[] {1, 3, -1, -3, 5, 3, 6, 7}, 3), "[3, 3, 5, 5, 6, 7]");
    }

    public static void testEdges() {
        CcRunner.eq(w(new int[] {4, 2}, 2), "[4]");
        CcRunner.eq(w(new int[] {4, 2}, 1), "[4, 2]");
        CcRunner.eq(w(new int[] {4, 2}, 3), "[]");
        CcRunner.eq(w(new int[] {4, 2}, 0), "[]");
        CcRunner.eq(w(new int[] {}, 1), "[]");
        CcRunner.eq(w(null, 1), "[]");
    }

    public static void testExtremesAndTies() {
        CcRunner.eq(w(new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE, 5, 5}, 2),
                "[" + Integer.MIN_VALUE + ", 5, 5]");
        CcRunner.eq(w(new int[] {Integer.MAX_VALUE, 1, 1}, 2), "[" + Integer.MAX_VALUE + ", 1]");
    }

    public static void testLargeInputIsLinear() {
        int n = 1_000_000;
        int[] xs = new int[n];
        for (int i = 0; i < n; i++) xs[i] = n - i;  // decreasing: worst case for a rescan
        int[] got = Solution.windowMax(xs, n / 2);
        CcRunner.eq(got.length, n / 2 + 1);
        CcRunner.eq(got[0], n);
        CcRunner.eq(got[n / 2], n / 2);
    }
}
