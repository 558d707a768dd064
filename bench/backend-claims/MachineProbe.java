import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;

/**
 * How fast this machine runs right now, by three fixed pieces of work, each timed: integer
 * arithmetic in registers (cpu); a random walk of a million steps through 16 MiB of memory
 * (memory: the shared caches, the memory bus and the page tables); and 2000 one-byte round trips
 * between two threads over loopback TCP (loopback: the kernel's network path and thread wake-ups,
 * what a coordination verb spends most on). On an idle machine each takes about the same time
 * every time; on a virtual machine whose host is busy they take longer although the guest reports
 * no steal time. Timed beside each measured round, they tell a slow round on a slow machine from a
 * slow round of the server.
 */
final class MachineProbe {
  private static final int[] WALK = cycle(1 << 22, new Random(7));
  private static long sink;

  private MachineProbe() {}

  record Times(double cpuMs, double memoryMs, double loopbackUs) {
    @Override
    public String toString() {
      return String.format("cpu %.0f ms, memory %.0f ms, loopback %.0f us", cpuMs, memoryMs, loopbackUs);
    }
  }

  static Times measure() throws IOException, InterruptedException {
    return new Times(cpu(), memory(), loopback());
  }

  static double cpu() {
    long start = System.nanoTime();
    long x = 88172645463325252L;
    for (int i = 0; i < 30_000_000; i++) { // xorshift64: each step depends on the one before
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    sink += x; // kept, so the loop cannot be dropped
    return (System.nanoTime() - start) / 1e6;
  }

  static double memory() {
    long start = System.nanoTime();
    int at = 0;
    for (int i = 0; i < WALK.length / 4; i++) { // each load's address is the load before's value
      at = WALK[at];
    }
    sink += at;
    return (System.nanoTime() - start) / 1e6;
  }

  /** Microseconds per round trip of one byte between two threads over loopback TCP. */
  static double loopback() throws IOException, InterruptedException {
    int trips = 2000;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread echo = new Thread(() -> {
        try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
          s.setTcpNoDelay(true);
          for (int b; (b = in.read()) >= 0; ) {
            out.write(b);
          }
        } catch (IOException e) {
          // the prober closed first
        }
      });
      echo.start();
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
          InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
        s.setTcpNoDelay(true);
        long start = System.nanoTime();
        for (int i = 0; i < trips; i++) {
          out.write(1);
          if (in.read() < 0) {
            throw new IOException("echo closed");
          }
        }
        double us = (System.nanoTime() - start) / 1e3 / trips;
        s.shutdownOutput();
        echo.join();
        return us;
      }
    }
  }

  /** A random single cycle through 0..n-1 (Sattolo), so the walk visits every slot once. */
  private static int[] cycle(int n, Random random) {
    int[] next = new int[n];
    for (int i = 0; i < n; i++) {
      next[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i);
      int t = next[i];
      next[i] = next[j];
      next[j] = t;
    }
    return next;
  }
}
