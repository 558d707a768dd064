package dev.orun.runner.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Finds and stops everything a step started, including grandchildren that were re-parented when
 * their parent exited (a {@code cmd &} left running, a double-forked daemon).
 *
 * <p>Each step's process gets a unique {@value #TRACKING_VARIABLE} in its environment, which every
 * process it starts inherits (the way the GitHub Actions runner tracks a job's processes). A step's
 * tree is the step process, its live {@link ProcessHandle#descendants() descendants}, and — on
 * Linux, through {@code /proc/<pid>/environ} — every process of this user still carrying the
 * step's tracking id. Stopping it sends SIGTERM to all of them, waits a short grace period, then
 * sends SIGKILL to whatever is left (looking again, to catch processes forked meanwhile).
 *
 * <p>Why not a process group per step ({@code setsid}): it costs an extra program start per step,
 * which measured as about half of orun's whole per-step overhead, while the tracking id reaches the
 * same processes (a process that scrubs its own environment and leaves its parent escapes both
 * the tracking and descendant lookups; outside Linux only descendants are found).
 */
public final class ProcessTrees {

    /** The environment variable that carries a step's tracking id into every process it starts. */
    public static final String TRACKING_VARIABLE = "ORUN_TRACKING_ID";
    public static final long GRACE_MILLIS = 2000;
    private static final Path PROC = Path.of("/proc");

    private ProcessTrees() {
    }

    /** A fresh tracking id for one step. */
    public static String newTrackingId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Terminates the step's process and everything tracked to it: TERM, then KILL after the grace
     * period for whatever is still alive. Keeps going when the thread is interrupted.
     */
    public static void destroyTree(Process process, String trackingId) {
        destroyTree(process.toHandle(), trackingId);
    }

    /** {@link #destroyTree(Process, String)} for a process that need not be orun's child. */
    static void destroyTree(ProcessHandle process, String trackingId) {
        boolean interrupted = Thread.interrupted();
        try {
            Set<ProcessHandle> tree = find(process, trackingId);
            tree.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
            while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                interrupted |= sleepQuietly(25);
            }
            Set<ProcessHandle> left = find(process, trackingId);
            left.addAll(tree);
            left.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops what a step left running after its own process ended ({@code cmd &},
     * {@code nohup cmd &}, a daemon): every process still carrying the step's tracking id. Only
     * processes started after the step's process are examined (process ids grow until they wrap
     * around, which {@code /proc/loadavg}'s last-created pid reveals; then all are), so the cost
     * follows what the machine started meanwhile, not everything it runs.
     */
    public static void stopLeftovers(Process process, String trackingId) {
        if (!Files.isDirectory(PROC)) {
            return;
        }
        Set<ProcessHandle> left = tracked(trackingId, process.pid());
        if (left.isEmpty()) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            left.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
            while (left.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                interrupted |= sleepQuietly(25);
            }
            Set<ProcessHandle> again = tracked(trackingId, process.pid());
            again.addAll(left);
            again.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Live processes carrying the tracking id, looking only at pids above {@code after} unless they wrapped. */
    private static Set<ProcessHandle> tracked(String trackingId, long after) {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        byte[] marker = (TRACKING_VARIABLE + "=" + trackingId).getBytes(StandardCharsets.UTF_8);
        long lowest = lastCreatedPid() >= after ? after : 0;
        long self = ProcessHandle.current().pid();
        String[] names = PROC.toFile().list();
        if (names == null) {
            return found;
        }
        for (String name : names) {
            long pid = pidOf(name);
            if (pid > lowest && pid != self && carries(pid, marker)) {
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(found::add);
            }
        }
        return found;
    }

    private static long pidOf(String name) {
        long pid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            pid = pid * 10 + (c - '0');
        }
        return name.isEmpty() ? -1 : pid;
    }

    /** The most recently created pid (last field of {@code /proc/loadavg}), or 0 when unknown. */
    private static long lastCreatedPid() {
        try {
            String loadavg = Files.readString(PROC.resolve("loadavg")).trim();
            long pid = pidOf(loadavg.substring(loadavg.lastIndexOf(' ') + 1));
            return Math.max(pid, 0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The process, its descendants and every process carrying the tracking id. */
    static Set<ProcessHandle> find(ProcessHandle root, String trackingId) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        if (root.isAlive()) {
            tree.add(root);
        }
        root.descendants().forEach(tree::add);
        if (Files.isDirectory(PROC)) {
            byte[] marker = (TRACKING_VARIABLE + "=" + trackingId).getBytes(StandardCharsets.UTF_8);
            long self = ProcessHandle.current().pid();
            ProcessHandle.allProcesses().filter(p -> p.pid() != self)
                    .filter(p -> carries(p.pid(), marker)).forEach(tree::add);
        }
        return tree;
    }

    /** Alive and not a zombie (one whose parent has not collected it yet counts as ended). */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(process.pid())).resolve("stat"));
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException | SecurityException e) {
            return process.isAlive();
        }
    }

    /** Whether the process has a handler of its own for SIGTERM (Linux: {@code SigCgt} in its status). */
    static boolean handlesTerm(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(PROC.resolve(Long.toString(process.pid())).resolve("status"))) {
                if (line.startsWith("SigCgt:")) {
                    long caught = Long.parseUnsignedLong(line.substring("SigCgt:".length()).strip(), 16);
                    return (caught & (1L << (15 - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return false;
    }

    private static boolean carries(long pid, byte[] marker) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false; // gone, or another user's process
        }
        outer:
        for (int start = 0; start + marker.length <= environ.length; start++) {
            if (start > 0 && environ[start - 1] != 0) {
                continue;
            }
            for (int i = 0; i < marker.length; i++) {
                if (environ[start + i] != marker[i]) {
                    continue outer;
                }
            }
            int end = start + marker.length;
            if (end == environ.length || environ[end] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Sleeps even when interrupted (the tree must die during cancellation); true if it was. */
    private static boolean sleepQuietly(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean interrupted = false;
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return interrupted;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}
