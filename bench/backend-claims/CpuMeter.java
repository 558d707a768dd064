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
      faults(String.valueOf(self)).ifPresent(t -> out.put("faults:driver", t));
      if (server != null) {
        systemTicks(server).ifPresent(t -> out.put("kernel:server", t));
        faults(server).ifPresent(t -> out.put("faults:server", t));
        out.put("switches:server", switches(server, true));
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
            if (System.getenv("CPU_DETAIL") != null) {
              systemTicks(proc.getName()).ifPresent(t -> out.put("kernel:postgres:" + proc.getName(), t));
              faults(proc.getName()).ifPresent(t -> out.put("faults:postgres:" + proc.getName(), t));
              out.put("switches:postgres:" + proc.getName(), switches(proc.getName(), false));
            }
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
    return stat(pid).map(f -> Long.parseLong(f[12]));
  }

  /**
   * The process's minor page faults (minflt): memory given back and taken again between requests
   * shows up here. A first touch of a page cost about 12 us on the virtual machine this bench was
   * tuned on (bench/machine.sh measures it).
   */
  static java.util.Optional<Long> faults(String pid) {
    return stat(pid).map(f -> Long.parseLong(f[7]));
  }

  /**
   * Context switches (voluntary and not) of the process, or of all its live threads when
   * {@code threads} (a thread that ended took its count with it): each wait for a socket, a lock or
   * a hand-off between threads is one, and their cost is the kernel's and the hypervisor's, which
   * differs much between machines.
   */
  static long switches(String pid, boolean threads) {
    java.io.File[] tasks = threads ? new java.io.File("/proc/" + pid + "/task").listFiles()
        : new java.io.File[] {new java.io.File("/proc/" + pid)};
    long sum = 0;
    for (java.io.File task : tasks == null ? new java.io.File[0] : tasks) {
      try {
        for (String line : java.nio.file.Files.readAllLines(task.toPath().resolve("status"))) {
          if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
          }
        }
      } catch (IOException | RuntimeException e) {
        // thread ended
      }
    }
    return sum;
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
    return stat(pid).map(f -> Long.parseLong(f[11]) + Long.parseLong(f[12])); // utime + stime
  }

  /**
   * The fields of /proc/PID/stat after the command name, from the state on (so minflt is [7],
   * utime [11], stime [12]); empty when the process or thread is gone or the figures unreadable.
   */
  static java.util.Optional<String[]> stat(String pid) {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      for (int i : new int[] {7, 11, 12}) { // a garbled or truncated line is no answer
        Long.parseLong(fields[i]);
      }
      return java.util.Optional.of(fields);
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
    long pg = sumOf("postgres:");
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

  /** {@link #reportTotal} per pair, then (with CPU_DETAIL) kernel time, faults, switches and threads. */
  void report(String label, int jobs) {
    if (before.isEmpty()) {
      return;
    }
    reportTotal(label, jobs);
    double tick = 10.0; // ms per tick (USER_HZ 100)
    for (String who : new String[] {"driver", "server"}) {
      if (after.containsKey("kernel:" + who)) {
        // the driver's client threads end with each run, and an ended thread's switches are counted nowhere
        String switches = after.containsKey("switches:" + who)
            ? String.format(", %.1f context switches", (double) delta("switches:" + who) / jobs) : "";
        System.out.printf("%s:   %s in the kernel %.2f ms, %.1f page faults%s%n", label, who,
            delta("kernel:" + who) * tick / jobs, (double) delta("faults:" + who) / jobs, switches);
      }
    }
    if (after.keySet().stream().anyMatch(k -> k.startsWith("kernel:postgres:"))) {
      System.out.printf("%s:   database in the kernel %.2f ms, %.1f page faults, %.1f context switches%n", label,
          sumOf("kernel:postgres:") * tick / jobs, (double) sumOf("faults:postgres:") / jobs,
          (double) sumOf("switches:postgres:") / jobs);
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
    long all = delta("driver") + delta("server") + sumOf("postgres:");
    return String.format("%.2f ms", all * 10.0 / n);
  }

  /** The deltas of every key with this prefix, added up. */
  private long sumOf(String prefix) {
    return after.keySet().stream().filter(k -> k.startsWith(prefix)).mapToLong(this::delta).sum();
  }

  long delta(String k) {
    return after.getOrDefault(k, 0L) - before.getOrDefault(k, 0L);
  }
}
