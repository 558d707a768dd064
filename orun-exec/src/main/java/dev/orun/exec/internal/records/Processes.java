package dev.orun.exec.internal.records;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about this process and others that records need: pid, host name, liveness. */
public final class Processes {

    private static final String HOST = resolveHost();

    private Processes() {
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    public static String host() {
        return HOST;
    }

    public static String user() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }

    /**
     * Whether a process recorded by {@code host}/{@code pid} may still be running. A process on
     * another host cannot be checked, so it counts as alive (its lease decides).
     */
    public static boolean mayBeAlive(String host, long pid) {
        if (host == null || !host.equals(HOST) || pid <= 0) {
            return true;
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String resolveHost() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String name = Files.readString(etc).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (java.io.IOException ignored) {
            // fall through to the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
