package dev.orun.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code orun} as a real JVM process (for signals and cross-process behaviour). */
final class OrunProcess {

    private OrunProcess() {
    }

    static Process start(Path cwd, Path output, String... args) throws IOException {
        return start(cwd, output, List.of(), args);
    }

    /** With extra JVM options, such as a small {@code -Xmx} that proves memory stays bounded. */
    static Process start(Path cwd, Path output, List<String> jvmOptions, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(jvmOptions, args)).directory(cwd.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("ORUN_EXEC_ID");
        return builder.start();
    }

    /** The command line of a fresh JVM running {@code orun args} on the test class path. */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    static void signal(Process process, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start()
                .waitFor();
    }

    static File devNull() {
        return new File("/dev/null");
    }
}
