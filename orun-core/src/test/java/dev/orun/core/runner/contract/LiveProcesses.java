package dev.orun.core.runner.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds processes on this machine by an argument of their command line, through {@code /proc}.
 * Processes in local containers share the kernel, so their processes are listed too. A zombie
 * (state {@code Z}: exited, waiting for a parent that may never reap it — container init processes
 * often do not) is not alive and is not reported.
 */
public final class LiveProcesses {

    private static final Path PROC = Path.of("/proc");

    private LiveProcesses() {
    }

    /** True where processes can be listed this way (Linux). */
    public static boolean supported() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /**
     * Whether the process runs. Unlike {@link ProcessHandle#isAlive()}, a zombie counts as dead:
     * a killed orphan stays a zombie for good where PID 1 does not reap (many containers).
     */
    public static boolean isAlive(long pid) {
        if (!supported()) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        Path dir = PROC.resolve(Long.toString(pid));
        return Files.isDirectory(dir) && !isZombie(dir);
    }

    /**
     * Waits until the process is gone (or a zombie), polling: {@link ProcessHandle#onExit()} of a
     * process that is not our child never completes while it lingers as an unreaped zombie.
     *
     * @return true when it went within {@code limit}
     */
    public static boolean awaitGone(long pid, java.time.Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (isAlive(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(25);
        }
        return true;
    }

    /** Pids of live (not zombie) processes with {@code argument} as one of their arguments. */
    public static List<Long> withArgument(String argument) {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(dir -> {
                        if (hasArgument(dir, argument) && !isZombie(dir)) {
                            found.add(Long.parseLong(dir.getFileName().toString()));
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + PROC, e);
        }
        return found;
    }

    private static boolean hasArgument(Path dir, String argument) {
        try {
            String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")),
                    StandardCharsets.UTF_8);
            for (String arg : cmdline.split("\0")) {
                if (arg.equals(argument)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | SecurityException e) {
            return false; // exited while we looked, or not ours to read
        }
    }

    /** {@code /proc/<pid>/stat} is "pid (comm) state …"; comm may hold spaces and parentheses. */
    static boolean isZombie(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            int end = stat.lastIndexOf(')');
            return end >= 0 && stat.length() > end + 2 && stat.charAt(end + 2) == 'Z';
        } catch (IOException | SecurityException e) {
            return true; // gone entirely: as dead as a zombie
        }
    }
}
