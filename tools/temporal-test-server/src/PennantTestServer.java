import io.temporal.testserver.TestServer;
import java.lang.reflect.Field;
import java.util.LinkedList;

/**
 * Starts Temporal's time-skipping test server as its own main does (port, optional
 * --enable-time-skipping), then empties one of its debugging aids.
 *
 * Why: the server's self-advancing timer records every time-lock change in a list
 * kept "for debugging purposes only". Changes made by requests (each workflow task,
 * activity and child start) are appended and never removed, and every timer that
 * fires removes its own entry by a linear search of that list while holding the
 * clock's lock. A simulated year of a few hundred branches appends ~100,000 entries,
 * so late in the year each timer scans all of them and every request waits on it.
 * The list only feeds a diagnostic dump; the lock count that matters stays untouched.
 */
public final class PennantTestServer {
  /** Keeps nothing: appends are dropped and a handle's removal always succeeds. */
  static final class NoLockHistory<E> extends LinkedList<E> {
    @Override
    public boolean add(E e) {
      return true;
    }

    @Override
    public boolean remove(Object o) {
      return true;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2 || (args.length == 2 && !"--enable-time-skipping".equalsIgnoreCase(args[1]))) {
      System.err.println("Usage: <port> [--enable-time-skipping]");
      System.exit(2);
    }
    boolean enableTimeSkipping = args.length == 2;
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(Integer.parseInt(args[0]), !enableTimeSkipping);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Object starter = field(server, "testServicesStarter");
    Object timer = field(starter, "selfAdvancingTimer");
    Field events = timer.getClass().getDeclaredField("lockEvents");
    events.setAccessible(true);
    events.set(timer, new NoLockHistory<>());
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }
}
