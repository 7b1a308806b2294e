// codecanary's tiny Java test runner (shipped by the Java runner).
//
// java CcRunner RESULTS Class... runs every `public static void test*()` method
// of each class, in name order, and writes one tab-separated line per event to
// RESULTS (flushed at once): "start\tClass.method", then
// "passed|failed|error\tClass.method\tmessage". An AssertionError (from `assert`
// with -ea, or from CcRunner.check/eq) is a failure; any other throwable an error.
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

public final class CcRunner {
    private CcRunner() {}

    public static void check(boolean condition, String message) {
        if (!condition) throw new AssertionError(message);
    }

    public static void eq(Object actual, Object expected) {
        if (!Objects.deepEquals(actual, expected)) {
            throw new AssertionError("expected " + show(expected) + " but got " + show(actual));
        }
    }

    private static String show(Object value) {
        if (value instanceof int[] a) return Arrays.toString(a);
        if (value instanceof long[] a) return Arrays.toString(a);
        if (value instanceof Object[] a) return Arrays.deepToString(a);
        return String.valueOf(value);
    }

    private static String clean(String text) {
        return text == null ? "" : text.replace("\t", " ").replace("\n", "\\n");
    }

    public static void main(String[] args) throws Exception {
        int failed = 0;
        try (PrintStream out = new PrintStream(new FileOutputStream(args[0]), true, "UTF-8")) {
            for (int i = 1; i < args.length; i++) {
                Class<?> cls = Class.forName(args[i]);
                Method[] methods = cls.getDeclaredMethods();
                Arrays.sort(methods, Comparator.comparing(Method::getName));
                for (Method m : methods) {
                    int mod = m.getModifiers();
                    if (!m.getName().startsWith("test") || !Modifier.isStatic(mod)
                            || !Modifier.isPublic(mod) || m.getParameterCount() != 0) continue;
                    String name = cls.getSimpleName() + "." + m.getName();
                    out.println("start\t" + name);
                    String status = "passed", message = "";
                    try {
                        m.invoke(null);
                    } catch (InvocationTargetException e) {
                        Throwable t = e.getCause();
                        status = t instanceof AssertionError ? "failed" : "error";
                        message = t.toString();
                    }
                    if (!status.equals("passed")) failed++;
                    out.println(status + "\t" + name + "\t" + clean(message));
                }
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
