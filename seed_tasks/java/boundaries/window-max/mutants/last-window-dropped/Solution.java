import java.util.ArrayDeque;

/** Sliding-window maximum with a deque of indices whose values decrease. */
public class Solution {
    public static int[] windowMax(int[] xs, int k) {
        if (xs == null || k <= 0 || k > xs.length) {
            return new int[0];
        }
        int[] out = new int[xs.length - k + 1];
        int last = xs.length - 1;
        ArrayDeque<Integer> dq = new ArrayDeque<>();
        for (int i = 0; i < last; i++) {
            while (!dq.isEmpty() && dq.peekFirst() <= i - k) {
                dq.pollFirst();
            }
            while (!dq.isEmpty() && xs[dq.peekLast()] <= xs[i]) {
                dq.pollLast();
            }
            dq.addLast(i);
            if (i >= k - 1) {
                out[i - k + 1] = xs[dq.peekFirst()];
            }
        }
        return out;
    }
}
