package dev.orun.exec.internal.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts step processes in their own process group and stops whole process trees.
 *
 * <p>Each step's shell is started through {@code setsid} (when installed), so it leads a new
 * session and process group whose id is its pid: grandchildren that outlive their parent or
 * detach from it stay in that group. Stopping a step sends SIGTERM to the group and to every
 * descendant still known to {@link ProcessHandle#descendants()}, waits a short grace period, then
 * sends SIGKILL the same way. Without {@code setsid} only the descendants are reached.
 */
public final class ProcessTrees {

    static final long GRACE_MILLIS = 2000;
    private static final String SETSID = findExecutable("setsid");
    private static final String KILL = findExecutable("kill");

    private ProcessTrees() {
    }

    /** The command prefix that gives a step its own process group, or an empty list. */
    static List<String> groupPrefix() {
        return SETSID == null ? List.of() : List.of(SETSID);
    }

    static boolean groupsSupported() {
        return SETSID != null && KILL != null;
    }

    /**
     * Terminates the process, its descendants and its process group: TERM, then KILL after the
     * grace period for whatever is still alive. Returns when all are gone or KILL was sent.
     */
    public static void destroyTree(Process process) {
        boolean interrupted = Thread.interrupted();
        try {
            interrupted |= destroy(process);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Returns whether the thread was interrupted meanwhile (the caller restores the flag). */
    private static boolean destroy(Process process) {
        boolean interrupted = false;
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        long group = process.pid();
        signalGroup(group, "TERM");
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        boolean alive = true;
        while (alive && System.nanoTime() < deadline) {
            alive = tree.stream().anyMatch(ProcessHandle::isAlive) || groupAlive(group);
            if (alive) {
                interrupted |= sleepQuietly(25);
            }
        }
        if (alive) {
            signalGroup(group, "KILL");
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        return interrupted;
    }

    /** Kills what is left of a step's group after its shell exited (background leftovers). */
    static void killGroup(long group) {
        boolean interrupted = Thread.interrupted();
        signalGroup(group, "TERM");
        interrupted |= sleepQuietly(50);
        signalGroup(group, "KILL");
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean groupAlive(long group) {
        return groupsSupported() && signal(group, "0") == 0;
    }

    private static void signalGroup(long group, String signal) {
        if (groupsSupported()) {
            signal(group, signal);
        }
    }

    private static int signal(long group, String signal) {
        try {
            Process kill = new ProcessBuilder(KILL, "-" + signal, "--", "-" + group)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            boolean interrupted = Thread.interrupted();
            int code;
            while (true) {
                try {
                    code = kill.waitFor();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return code;
        } catch (java.io.IOException e) {
            return -1;
        }
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

    private static String findExecutable(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
