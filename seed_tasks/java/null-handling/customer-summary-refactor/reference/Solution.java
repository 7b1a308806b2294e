import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Customer summaries; every value in the data may be null (see prompt). */
public class Solution {
    public static class Address {
        public String city;

        public Address(String city) {
            this.city = city;
        }
    }

    public static class Customer {
        public String name;
        public String email;
        public Address address;
        public List<Integer> orders;

        public Customer(String name, String email, Address address, List<Integer> orders) {
            this.name = name;
            this.email = email;
            this.address = address;
            this.orders = orders;
        }
    }

    private static List<Integer> ordersOf(Customer c) {
        return c.orders == null ? List.of() : c.orders;
    }

    public static String summary(Map<String, Customer> customers, String id) {
        if (customers == null) {
            return "no data";
        }
        Customer c = customers.get(id);
        if (c == null) {
            return "unknown customer";
        }
        String name = Optional.ofNullable(c.name).orElse("(no name)");
        String email = Optional.ofNullable(c.email).map(String::trim).filter(e -> !e.isEmpty())
                .map(String::toLowerCase).orElse("no email");
        String city = Optional.ofNullable(c.address).map(a -> a.city).orElse("no city");
        long count = ordersOf(c).stream().filter(Objects::nonNull).filter(o -> o > 0).count();
        return name + " <" + email + "> " + city + ", " + count + " orders";
    }

    public static int totalOrders(Map<String, Customer> customers) {
        if (customers == null) {
            return 0;
        }
        return customers.values().stream().filter(Objects::nonNull)
                .flatMap(c -> ordersOf(c).stream()).filter(Objects::nonNull)
                .mapToInt(Integer::intValue).sum();
    }
}
