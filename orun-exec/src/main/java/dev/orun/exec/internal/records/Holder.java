package dev.orun.exec.internal.records;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who holds a claim: one open {@code FileStateBackend} (a random id), in a process ({@code pid},
 * started at {@code pidStart}) on a host. Whether a holder is still alive is decided without any
 * file per job: a holder in this JVM is alive while its backend is open; a process on this host is
 * alive while a process with that pid and start time exists; a holder on another host cannot be
 * checked, and only its lease decides.
 */
public record Holder(String id, long pid, Instant pidStart, String host) {

    private static final Set<String> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();
    private static final long PID = Processes.pid();
    private static final Instant PID_START = ProcessHandle.current().info().startInstant().orElse(null);

    /** A new holder for a backend of this process, registered as alive until {@link #retire()}. */
    public static Holder forThisProcess() {
        Holder holder = new Holder(UUID.randomUUID().toString(), PID, PID_START, Processes.host());
        OPEN_IN_THIS_JVM.add(holder.id());
        return holder;
    }

    /** This backend closed: its claims are no longer defended. */
    public void retire() {
        OPEN_IN_THIS_JVM.remove(id);
    }

    /** Whether the holder may still be running its jobs (see the class comment). */
    public boolean mayBeAlive() {
        if (host == null || !host.equals(Processes.host())) {
            return true;
        }
        if (pid == PID && Objects.equals(pidStart, PID_START)) {
            return OPEN_IN_THIS_JVM.contains(id);
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(process -> pidStart == null || process.info().startInstant()
                        .map(start -> start.equals(pidStart)).orElse(true))
                .orElse(false);
    }

    public String describe() {
        return "pid " + pid + " on " + host;
    }
}
