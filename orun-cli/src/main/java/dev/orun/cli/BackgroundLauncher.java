package dev.orun.cli;

import dev.orun.exec.records.BackgroundFiles;
import dev.orun.exec.records.ExecIds;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code orun run} detached: re-launches the same command line (minus {@code --background},
 * with the exec id pinned) as a process that outlives the terminal, and returns at once.
 *
 * <p>The child gets a new session ({@code setsid}, so no controlling terminal and no SIGHUP or
 * Ctrl-C from it), ignores hang-ups ({@code nohup}), reads stdin from {@code /dev/null}, and appends
 * stdout and stderr to {@code .orun/executions/<exec-id>/background.log}. Its pid goes to
 * {@code background.pid} next to it, so readers can tell "starting" from "gone" before the child has
 * opened the run. The environment adds {@code ORUN_BACKGROUND_CHILD=1}, {@code ORUN_EXEC_ID} and
 * {@code NO_COLOR=1}.
 */
public final class BackgroundLauncher {

    /** Environment marker the child sees; {@code orun run} must not launch again when it is set. */
    public static final String CHILD_MARKER = "ORUN_BACKGROUND_CHILD";

    private final Path orunDir;

    public BackgroundLauncher(Path orunDir) {
        this.orunDir = orunDir.toAbsolutePath().normalize();
    }

    /**
     * @param javaCommand  how to start this program again, e.g. {@link #javaCommand(Class)}
     * @param originalArgs the arguments of the {@code orun} invocation, starting with {@code run}
     * @param execId       the exec id the child must use (validated)
     * @param workingDir   the directory the user ran {@code orun} in
     */
    public record Request(List<String> javaCommand, List<String> originalArgs, String execId, Path workingDir) {
        public Request {
            javaCommand = List.copyOf(javaCommand);
            originalArgs = List.copyOf(originalArgs);
        }
    }

    /** A started background run. */
    public record Launched(String execId, long pid, Path log, List<String> command) {
    }

    /** Starts the child, prints how to follow it, and returns without waiting for it. */
    public Launched launch(Request request, PrintWriter out) {
        return launch(request, out, "");
    }

    /**
     * As {@link #launch(Request, PrintWriter)}; {@code followUpFlags} (leading space, or {@code ""})
     * go into the printed commands so that they find the run (e.g. {@code " --remote-state"}).
     */
    public Launched launch(Request request, PrintWriter out, String followUpFlags) {
        Launched launched = launch(request);
        out.println("✓ background run started");
        out.println("  exec-id: " + launched.execId());
        out.println("  pid:     " + launched.pid());
        out.println("  log:     " + display(request.workingDir(), launched.log()));
        out.println();
        out.println("  track:   orun status" + followUpFlags + " --watch --exec-id " + launched.execId());
        out.println("  logs:    orun logs" + followUpFlags + " --follow --exec-id " + launched.execId());
        out.flush();
        return launched;
    }

    public Launched launch(Request request) {
        String execId = ExecIds.validate(request.execId());
        BackgroundFiles layout = BackgroundFiles.of(orunDir, execId);
        List<String> command = new ArrayList<>(detachPrefix());
        command.addAll(request.javaCommand());
        command.addAll(childArguments(request.originalArgs(), execId));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(request.workingDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log().toFile()));
        Map<String, String> env = builder.environment();
        env.put(CHILD_MARKER, "1");
        env.put("ORUN_EXEC_ID", execId);
        env.put("NO_COLOR", "1");
        try {
            Files.createDirectories(layout.dir());
            Process child = builder.start();
            Files.writeString(layout.pidFile(), child.pid() + "\n");
            return new Launched(execId, child.pid(), layout.log(), List.copyOf(command));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the background run: " + e.getMessage(), e);
        }
    }

    /**
     * The child's arguments: the original ones without {@code --background}/{@code --bg} and
     * without any {@code --exec-id} (both {@code --exec-id X} and {@code --exec-id=X}), then
     * {@code --exec-id <execId>}.
     */
    public static List<String> childArguments(List<String> originalArgs, String execId) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < originalArgs.size(); i++) {
            String arg = originalArgs.get(i);
            if (arg.equals("--")) {
                args.addAll(originalArgs.subList(i, originalArgs.size()));
                break;
            }
            if (arg.equals("--background") || arg.equals("--bg") || arg.startsWith("--exec-id=")) {
                continue;
            }
            if (arg.equals("--exec-id")) {
                i++;
                continue;
            }
            args.add(arg);
        }
        int end = args.indexOf("--");
        List<String> pinned = List.of("--exec-id", execId);
        args.addAll(end < 0 ? args.size() : end, pinned);
        return args;
    }

    /**
     * The command that starts {@code mainClass} again in a new JVM: {@code java -jar <jar>} when it
     * was loaded from a jar (the shaded {@code orun.jar}), else {@code java -cp <classpath> <class>}.
     */
    public static List<String> javaCommand(Class<?> mainClass) {
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Optional<Path> source = codeSource(mainClass);
        if (source.isPresent() && Files.isRegularFile(source.get())
                && source.get().getFileName().toString().endsWith(".jar")) {
            return List.of(java, "-jar", source.get().toString());
        }
        return List.of(java, "-cp", System.getProperty("java.class.path"), mainClass.getName());
    }

    private static Optional<Path> codeSource(Class<?> mainClass) {
        try {
            var domain = mainClass.getProtectionDomain().getCodeSource();
            return domain == null ? Optional.empty() : Optional.of(Path.of(domain.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** {@code setsid nohup} where they exist (Linux, macOS has nohup only). */
    private static List<String> detachPrefix() {
        List<String> prefix = new ArrayList<>();
        onPath("setsid").ifPresent(setsid -> prefix.add(setsid.toString()));
        onPath("nohup").ifPresent(nohup -> prefix.add(nohup.toString()));
        return prefix;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String nullDevice() {
        return File.separatorChar == '\\' ? "NUL" : "/dev/null";
    }

    private static Path display(Path workingDir, Path file) {
        Path base = workingDir.toAbsolutePath().normalize();
        return file.startsWith(base) ? base.relativize(file) : file;
    }
}
