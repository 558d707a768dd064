package dev.orun.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process the background tests launch: reports its arguments, environment and stdin, then
 * waits for a {@code finish} file next to its working directory before ending.
 */
public final class BackgroundChild {

    public static void main(String[] args) throws Exception {
        System.out.println("args: " + String.join(" ", args));
        System.out.println("marker: " + System.getenv(BackgroundLauncher.CHILD_MARKER));
        System.out.println("exec id env: " + System.getenv("ORUN_EXEC_ID"));
        System.out.println("stdin: " + (System.in.read() < 0 ? "EOF" : "data"));
        System.err.println("to stderr");
        System.out.flush();
        Path finish = Path.of("finish");
        while (!Files.exists(finish)) {
            Thread.sleep(10);
        }
        System.out.println("child done");
    }
}
