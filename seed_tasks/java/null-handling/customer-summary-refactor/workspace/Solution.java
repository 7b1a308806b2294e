import java.util.List;
import java.util.Map;

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

    public static String summary(Map<String, Customer> customers, String id) {
        String result;
        if (customers != null) {
            if (customers.get(id) != null) {
                Customer c = customers.get(id);
                String name;
                if (c.name != null) {
                    name = c.name;
                } else {
                    name = "(no name)";
                }
                String email;
                if (c.email != null) {
                    if (c.email.trim().length() > 0) {
                        email = c.email.trim().toLowerCase();
                    } else {
                        email = "no email";
                    }
                } else {
                    email = "no email";
                }
                String city;
                if (c.address != null) {
                    if (c.address.city != null) {
                        city = c.address.city;
                    } else {
                        city = "no city";
                    }
                } else {
                    city = "no city";
                }
                int count = 0;
                if (c.orders != null) {
                    for (int i = 0; i < c.orders.size(); i++) {
                        if (c.orders.get(i) != null) {
                            if (c.orders.get(i) > 0) {
                                count = count + 1;
                            }
                        }
                    }
                }
                result = name + " <" + email + "> " + city + ", " + count + " orders";
            } else {
                result = "unknown customer";
            }
        } else {
            result = "no data";
        }
        return result;
    }

    public static int totalOrders(Map<String, Customer> customers) {
        int total = 0;
        if (customers != null) {
            for (String key : customers.keySet()) {
                Customer c = customers.get(key);
                if (c != null) {
                    if (c.orders != null) {
                        for (int i = 0; i < c.orders.size(); i++) {
                            if (c.orders.get(i) != null) {
                                total = total + c.orders.get(i);
                            }
                        }
                    }
                }
            }
        }
        return total;
    }
}
