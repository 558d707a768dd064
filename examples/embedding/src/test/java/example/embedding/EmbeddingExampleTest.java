package example.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example runs the repository's bundled example workspace (a scratch copy) through the API. */
class EmbeddingExampleTest {

    private static final Path EXAMPLES = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void runsTheExamplePlanAndPrintsALineForEveryEvent() throws IOException {
        for (String part : List.of("intent.yaml", "platform", "services", "infra")) {
            copy(EXAMPLES.resolve(part), tmp.resolve(part));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = EmbeddingExample.run(tmp.resolve("services/api"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err).isZero();
        assertThat(printed).startsWith("started ").contains("21 jobs on local")
                .contains("  ▶ network@development.")
                .containsPattern("  ✓ api@production\\.deploy succeeded in \\d+ ms")
                .contains("finished ").contains("21 jobs, succeeded, records in .orun/executions/");
        assertThat(tmp.resolve(".orun/executions")).isDirectory();
    }

    @Test
    void badInputIsExitTwoWithTheOneLineMessage() throws IOException {
        Files.writeString(tmp.resolve("intent.yaml"), "kind: Intent\nenvironments: [\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = EmbeddingExample.run(tmp, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("example: ").contains("intent.yaml");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
