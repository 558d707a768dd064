package dev.orun.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts {@code orun} as real processes in a workspace, each with its output in a file, and with
 * only the {@code ORUN_}/{@code GITHUB_} variables given (none inherited from the build).
 *
 * <p>A test that fails half-way leaves its processes running (a step waiting for a gate file the
 * test never writes); they are all stopped, with what they started, when the test JVM exits, so
 * none outlives the build.
 */
final class OrunProcesses {
    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.stream().filter(Process::isAlive)
                .forEach(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }), "orun-processes-cleanup"));
    }

    private final Path root;
    private final Map<Process, Path> outputs = new ConcurrentHashMap<>();

    OrunProcesses(Path root) {
        this.root = root;
    }

    Process start(Map<String, String> env, String... args) throws IOException {
        Path out = root.resolve("out-" + UUID.randomUUID() + ".txt");
        ProcessBuilder builder = new ProcessBuilder(OrunProcess.command(List.of(), args)).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ORUN_") || k.startsWith("GITHUB_")
                || k.startsWith("ACTIONS_"));
        builder.environment().putAll(env);
        Process p = builder.start();
        outputs.put(p, out);
        STARTED.add(p);
        return p;
    }

    /** Everything the process wrote so far (stdout and stderr). */
    String output(Process p) throws IOException {
        return Files.readString(outputs.get(p));
    }
}
