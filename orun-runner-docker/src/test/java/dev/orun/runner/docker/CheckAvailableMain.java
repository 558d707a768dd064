package dev.orun.runner.docker;

import dev.orun.core.OrunException;
import dev.orun.core.runner.RunnerSettings;
import java.nio.file.Path;
import java.util.Map;

/** Runs {@code checkAvailable()} in a separate JVM (as another user) and prints the outcome. */
public final class CheckAvailableMain {

    private CheckAvailableMain() {
    }

    public static void main(String[] args) {
        try (DockerRunner runner = new DockerRunner(new RunnerSettings(Path.of("."), Map.of(),
                Map.of("DOCKER_HOST", args[0], "HOME", "/nonexistent")))) {
            runner.checkAvailable();
            System.out.println("available");
        } catch (OrunException e) {
            System.out.println("exit " + e.exitCode() + ": " + e.getMessage());
        }
    }
}
