package dev.orun.runner.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The image the Docker tests run in, built on demand from the host's static busybox by
 * {@code scripts/docker-test-image.sh} (no registry is reachable here), once per test JVM. A
 * machine with an engine but without the image therefore runs the tests instead of failing them;
 * only when the image cannot be built (no busybox, no docker CLI) is the reason returned so the
 * caller can skip with it.
 */
public final class TestImage {

    /** Overridable so a run can prove the build path with a name no other run uses. */
    public static final String NAME = System.getenv().getOrDefault("ORUN_TEST_IMAGE", "orun-test/busybox:latest");

    private static Optional<String> outcome;

    private TestImage() {
    }

    /**
     * Makes sure {@link #NAME} exists on the engine the environment points at; empty when it does,
     * else why it could not be built.
     */
    public static synchronized Optional<String> ensure() {
        if (outcome == null) {
            outcome = build();
        }
        return outcome;
    }

    private static Optional<String> build() {
        Optional<Path> script = findScript();
        if (script.isEmpty()) {
            return Optional.of("scripts/docker-test-image.sh not found above " + Path.of("").toAbsolutePath());
        }
        try {
            Process process = new ProcessBuilder("sh", script.get().toString(), NAME)
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return Optional.of("building " + NAME + " took over 5 minutes");
            }
            return process.exitValue() == 0 ? Optional.empty()
                    : Optional.of("cannot build " + NAME + ": " + output.replace('\n', ' '));
        } catch (IOException e) {
            return Optional.of("cannot build " + NAME + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while building " + NAME);
        }
    }

    private static Optional<Path> findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("scripts/docker-test-image.sh");
            if (Files.isRegularFile(script)) {
                return Optional.of(script);
            }
        }
        return Optional.empty();
    }
}
