public class SolutionTest {
    public static void testSuccessClosesInReverse() {
        CcRunner.eq(Fake.run(3, -1, -1), "open0 open1 open2 read0 read1 read2 close2 close1 close0 =6");
    }

    public static void testNothingToDo() {
        CcRunner.eq(Fake.run(0, -1, -1), " =0");
        CcRunner.eq(Fake.run(-2, -1, -1), " =0");
    }

    public static void testOpenFailureClosesWhatWasOpened() {
        CcRunner.eq(Fake.run(3, 2, -1), "open0 open1 open2 close1 close0 !resource 2/open 2");
        CcRunner.eq(Fake.run(3, 0, -1), "open0 !resource 0/open 0");
    }

    public static void testReadFailureStopsReadingAndClosesAll() {
        CcRunner.eq(Fake.run(3, -1, 1), "open0 open1 open2 read0 read1 close2 close1 close0 !resource 1/read 1");
    }
}
