package dev.orun.runner.docker;

import java.net.InetAddress;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels that mark a container as orun's: which execution and job it serves and which process
 * (on which host) owns it, so a later run can tell an orphan from a container in use.
 */
public final class ContainerLabels {

    public static final String EXEC_ID = "dev.orun.exec-id";
    public static final String JOB_ID = "dev.orun.job-id";
    public static final String PID = "dev.orun.pid";
    public static final String HOST = "dev.orun.host";

    private static final String THIS_HOST = hostName();

    private ContainerLabels() {
    }

    public static Map<String, String> forJob(String execId, String jobId) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(EXEC_ID, execId);
        labels.put(JOB_ID, jobId);
        labels.put(PID, Long.toString(ProcessHandle.current().pid()));
        labels.put(HOST, THIS_HOST);
        return labels;
    }

    /**
     * True when the labels name a process on this host that no longer runs. Containers of other
     * hosts (a shared remote engine) are never judged: their owner may be alive.
     */
    public static boolean ownerIsDead(Map<String, String> labels) {
        if (labels == null || !THIS_HOST.equals(labels.get(HOST))) {
            return false;
        }
        try {
            long pid = Long.parseLong(labels.getOrDefault(PID, ""));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A container name made of the ids, readable in {@code docker ps}, unique per job start. */
    public static String containerName(String execId, String jobId, String suffix) {
        String name = "orun-" + safe(execId, 40) + "-" + safe(jobId, 80) + "-" + suffix;
        return name;
    }

    private static String safe(String id, int max) {
        String safe = (id == null ? "" : id).replaceAll("[^A-Za-z0-9_.-]+", "_").replaceAll("^[._-]+", "");
        if (safe.length() > max) {
            safe = safe.substring(0, max);
        }
        return safe.isEmpty() ? "x" : safe;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
