import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * CPU time the measured run cost each party, from /proc (Linux; elsewhere it says nothing): this
 * driver, the server (env SERVER_PID) and the PostgreSQL backends serving the bench database
 * (env PG_DATABASE). On a shared machine the wall-clock rate moves with everyone else's load;
 * the CPU per pair does much less, and it says where the time goes.
 */
final class CpuMeter {
  final long self = ProcessHandle.current().pid();
  final String server = System.getenv("SERVER_PID");
  final String database = System.getenv("PG_DATABASE");
  java.util.Map<String, Long> before;
  java.util.Map<String, Long> after;

  static CpuMeter start() {
    CpuMeter m = new CpuMeter();
    m.before = m.sample();
    return m;
  }

  void stop() {
    after = sample();
  }

  /** Party → CPU ticks, per process ("driver", "server", "postgres:PID"). */
  java.util.Map<String, Long> sample() {
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    ticks(String.valueOf(self)).ifPresent(t -> out.put("driver", t));
    if (System.getenv("CPU_DETAIL") != null) {
      threads(String.valueOf(self), "driver-thread:", out);
      systemTicks(String.valueOf(self)).ifPresent(t -> out.put("kernel:driver", t));
      if (server != null) {
        systemTicks(server).ifPresent(t -> out.put("kernel:server", t));
      }
    }
    if (server != null) {
      ticks(server).ifPresent(t -> out.put("server", t));
      if (System.getenv("CPU_DETAIL") != null) {
        threads(server, "thread:", out);
      }
    }
    if (database != null) {
      java.io.File[] procs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
      for (java.io.File proc : procs == null ? new java.io.File[0] : procs) {
        try {
          String cmd = new String(java.nio.file.Files.readAllBytes(proc.toPath().resolve("cmdline")),
              StandardCharsets.UTF_8);
          if (cmd.startsWith("postgres: ") && cmd.contains(" " + database + " ")) {
            ticks(proc.getName()).ifPresent(t -> out.put("postgres:" + proc.getName(), t));
          }
        } catch (IOException | RuntimeException e) {
          // gone or not readable: not ours to count
        }
      }
    }
    return out;
  }

  /** The process's CPU time in the kernel (stime): system calls, wake-ups, the loopback TCP stack. */
  static java.util.Optional<Long> systemTicks(String pid) {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
      return java.util.Optional.of(Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[12]));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** The process's CPU by thread name (digits folded), as PREFIX+name. */
  static void threads(String pid, String prefix, java.util.Map<String, Long> out) {
    java.io.File[] tasks = new java.io.File("/proc/" + pid + "/task").listFiles();
    for (java.io.File task : tasks == null ? new java.io.File[0] : tasks) {
      try {
        String name = java.nio.file.Files.readString(task.toPath().resolve("comm")).trim().replaceAll("[0-9]+", "#");
        ticks(pid + "/task/" + task.getName()).ifPresent(t -> out.merge(prefix + name, t, Long::sum));
      } catch (IOException | RuntimeException e) {
        // thread ended
      }
    }
  }

  static java.util.Optional<Long> ticks(String pid) {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return java.util.Optional.of(Long.parseLong(f[11]) + Long.parseLong(f[12])); // utime + stime
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** One line: CPU per {@code unit} of driver, server and database. */
  void reportTotal(String label, int n, String unit) {
    if (before.isEmpty()) {
      return;
    }
    long driver = delta("driver");
    long srv = delta("server");
    long pg = after.keySet().stream().filter(k -> k.startsWith("postgres:")).mapToLong(this::delta).sum();
    double tick = 10.0; // ms per tick (USER_HZ 100)
    if (database == null || database.isEmpty()) { // the embedded database runs inside the server
      System.out.printf("%s: CPU per %s: driver %.2f ms, server with its database %.2f ms (total %.2f ms)%n", label,
          unit, driver * tick / n, srv * tick / n, (driver + srv) * tick / n);
    } else {
      System.out.printf("%s: CPU per %s: driver %.2f ms, server %.2f ms, database %.2f ms (total %.2f ms)%n", label,
          unit, driver * tick / n, srv * tick / n, pg * tick / n, (driver + srv + pg) * tick / n);
    }
  }

  void reportTotal(String label, int jobs) {
    reportTotal(label, jobs, "pair");
  }

  void report(String label, int jobs) {
    if (before.isEmpty()) {
      return;
    }
    long driver = delta("driver");
    long srv = delta("server");
    long pg = 0;
    for (String k : after.keySet()) {
      if (k.startsWith("postgres:")) {
        pg += delta(k);
      }
    }
    double tick = 10.0; // ms per tick (USER_HZ 100)
    if (database == null || database.isEmpty()) { // the embedded database runs inside the server
      System.out.printf("%s: CPU per pair: driver %.2f ms, server with its database %.2f ms (total %.2f ms)%n", label,
          driver * tick / jobs, srv * tick / jobs, (driver + srv) * tick / jobs);
    } else {
      System.out.printf("%s: CPU per pair: driver %.2f ms, server %.2f ms, database %.2f ms (total %.2f ms)%n", label,
          driver * tick / jobs, srv * tick / jobs, pg * tick / jobs, (driver + srv + pg) * tick / jobs);
    }
    for (String who : new String[] {"driver", "server"}) {
      if (after.containsKey("kernel:" + who)) {
        System.out.printf("%s:   %s in the kernel %.2f ms%n", label, who, delta("kernel:" + who) * tick / jobs);
      }
    }
    after.keySet().stream().filter(k -> k.startsWith("thread:") || k.startsWith("driver-thread:")).sorted()
        .forEach(k -> {
          if (delta(k) > 0) {
            System.out.printf("%s:   %s %.2f ms%n", label, k.startsWith("thread:") ? "server " + k : k,
                delta(k) * tick / jobs);
          }
        });
  }

  /** The meters' CPU added up, as one meter (for figures over several measured rounds). */
  static CpuMeter sum(java.util.List<CpuMeter> meters) {
    CpuMeter total = new CpuMeter();
    total.before = new java.util.HashMap<>();
    total.after = new java.util.HashMap<>();
    for (CpuMeter m : meters) {
      for (String k : m.after.keySet()) {
        total.before.putIfAbsent(k, 0L);
        total.after.merge(k, m.delta(k), Long::sum);
      }
    }
    return total;
  }

  /** Driver + server + database CPU per unit, e.g. "1.32 ms"; "n/a" without /proc. */
  String totalPerUnit(int n) {
    if (before.isEmpty()) {
      return "n/a";
    }
    long all = after.keySet().stream()
        .filter(k -> k.equals("driver") || k.equals("server") || k.startsWith("postgres:"))
        .mapToLong(this::delta).sum();
    return String.format("%.2f ms", all * 10.0 / n);
  }

  long delta(String k) {
    return after.getOrDefault(k, 0L) - before.getOrDefault(k, 0L);
  }
}
