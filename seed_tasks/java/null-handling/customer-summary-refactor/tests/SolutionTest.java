import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class SolutionTest {
    static Map<String, Solution.Customer> one(Solution.Customer c) {
        Map<String, Solution.Customer> m = new HashMap<>();
        m.put("c1", c);
        return m;
    }

    public static void testFullCustomer() {
        Solution.Customer c = new Solution.Customer("Ann", "  Ann@X.org ", new Solution.Address("Oslo"),
                Arrays.asList(3, 0, -2, 5));
        CcRunner.eq(Solution.summary(one(c), "c1"), "Ann <ann@x.org> Oslo, 2 orders");
        CcRunner.eq(Solution.totalOrders(one(c)), 6);
    }

    public static void testMissingMapAndCustomer() {
        CcRunner.eq(Solution.summary(null, "c1"), "no data");
        CcRunner.eq(Solution.summary(new HashMap<>(), "c1"), "unknown customer");
        CcRunner.eq(Solution.summary(one(null), "c1"), "unknown customer");
        CcRunner.eq(Solution.summary(one(null), null), "unknown customer");
        CcRunner.eq(Solution.totalOrders(null), 0);
        CcRunner.eq(Solution.totalOrders(one(null)), 0);
    }

    public static void testNullFields() {
        Solution.Customer c = new Solution.Customer(null, null, null, null);
        CcRunner.eq(Solution.summary(one(c), "c1"), "(no name) <no email> no city, 0 orders");
        CcRunner.eq(Solution.totalOrders(one(c)), 0);
    }

    public static void testBlankEmailAndNullCity() {
        Solution.Customer c = new Solution.Customer("", "   ", new Solution.Address(null), new ArrayList<>());
        CcRunner.eq(Solution.summary(one(c), "c1"), " <no email> no city, 0 orders");
    }

    public static void testNullOrderEntries() {
        List<Integer> orders = Arrays.asList(null, 4, null, 1);
        Solution.Customer c = new Solution.Customer("Bo", "b@y", null, orders);
        CcRunner.eq(Solution.summary(one(c), "c1"), "Bo <b@y> no city, 2 orders");
        CcRunner.eq(Solution.totalOrders(one(c)), 5);
    }
}
