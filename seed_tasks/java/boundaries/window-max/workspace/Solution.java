public class Solution {
    public static int[] windowMax(int[] xs, int k) {
        throw new UnsupportedOperationException("TODO");
    }
}
