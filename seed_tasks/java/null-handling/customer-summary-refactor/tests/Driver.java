// JSON-lines driver: [mapNull, knownId, name, email, hasAddress, city, ordersNull, orders...]
// -> [summary, totalOrders].
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class Driver {
    static final String[] NAMES = {"", "Ann"};
    static final String[] EMAILS = {"", "  ", " A@B.c ", "x@y"};
    static final String[] CITIES = {"", "Oslo"};

    static String pick(String[] table, int i) {
        return i < 0 ? null : table[i];
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            String body = line.replace("[", "").replace("]", "").trim();
            String[] parts = body.split(",");
            int[] v = new int[parts.length];
            for (int i = 0; i < parts.length; i++) v[i] = Integer.parseInt(parts[i].trim());
            List<Integer> orders = null;
            if (v[6] == 0) {
                orders = new ArrayList<>();
                for (int i = 7; i < v.length; i++) orders.add(v[i] == -99 ? null : v[i]);
            }
            Solution.Address address = v[4] == 1 ? new Solution.Address(pick(CITIES, v[5])) : null;
            Solution.Customer c = new Solution.Customer(pick(NAMES, v[2]), pick(EMAILS, v[3]), address, orders);
            Map<String, Solution.Customer> m = null;
            if (v[0] == 0) {
                m = new HashMap<>();
                m.put("c1", c);
            }
            String id = v[1] == 1 ? "c1" : "c2";
            String s = Solution.summary(m, id).replace("\"", "'");
            System.out.println("[\"" + s + "\"," + Solution.totalOrders(m) + "]");
            System.out.flush();
        }
    }
}
