package dev.orun.runner.docker;

import dev.orun.core.OrunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The uid:gid of the process running orun, so files a step writes into the bind-mounted workspace
 * belong to the user and not to root.
 */
final class HostUser {

    private HostUser() {
    }

    static String current() {
        // /proc/self/status is the cheapest exact source on Linux; elsewhere ask the JDK.
        try {
            String uid = null;
            String gid = null;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    uid = line.substring(4).strip().split("\\s+")[0];
                } else if (line.startsWith("Gid:")) {
                    gid = line.substring(4).strip().split("\\s+")[0];
                }
            }
            if (uid != null && gid != null) {
                return uid + ":" + gid;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        try {
            com.sun.security.auth.module.UnixSystem unix = new com.sun.security.auth.module.UnixSystem();
            return unix.getUid() + ":" + unix.getGid();
        } catch (LinkageError | RuntimeException e) {
            throw new OrunException(OrunException.EXIT_INVALID,
                    "docker runner: cannot tell the host user's uid:gid here; pass user=UID:GID instead of user=host");
        }
    }
}
