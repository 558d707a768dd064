package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.plan.internal.yaml.YList;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile YAML is refused quickly, with one line naming the file and line, instead of exhausting
 * memory or the stack. The timeouts are generous guards against a hang, not speed measurements.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public class YamlLimitsTest {

    @TempDir
    Path dir;

    /** Nine levels of eight aliases each: 8^9 (134 million) strings once expanded. */
    public static String aliasBomb(String indent) {
        StringBuilder yaml = new StringBuilder(indent + "a: &a [lol, lol, lol, lol, lol, lol, lol, lol]\n");
        String names = "abcdefghi";
        for (int level = 1; level < names.length(); level++) {
            String previous = "*" + names.charAt(level - 1);
            yaml.append(indent).append(names.charAt(level)).append(": &").append(names.charAt(level))
                    .append(" [").append(String.join(", ", java.util.Collections.nCopies(8, previous)))
                    .append("]\n");
        }
        return yaml.toString();
    }

    private static InvalidInputException refusal(String yaml) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> YamlReader.parse(yaml, Path.of("f.yaml")));
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        InvalidInputException error = (InvalidInputException) thrown;
        assertThat(error.exitCode()).isEqualTo(2);
        assertThat(error.getMessage()).doesNotContain("\n");
        return error;
    }

    @Test
    void anAliasBombIsRefusedAtTheAliasThatExceedsTheExpansionLimit() {
        InvalidInputException error = refusal(aliasBomb(""));

        assertThat(error.getMessage()).matches("f\\.yaml:[0-9]+: aliases expand this document beyond .*");
    }

    @Test
    void anAliasBombInAComponentFileFailsTheCompileWithExitTwoAndWritesNothing() {
        Fixtures.copy("demo", dir);
        Fixtures.write(dir.resolve("services/bomb/component.yaml"), "kind: Component\nmetadata: {name: bomb}\n"
                + "spec:\n  type: shell\n  subscribe: {environments: [dev]}\n  parameters:\n    message: boom\n"
                + aliasBomb("    "));

        assertThatThrownBy(() -> new Planner(Workspace.discover(dir, null)).validate())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageMatching("services/bomb/component\\.yaml:[0-9]+: aliases expand this document beyond .*");
        assertThat(dir.resolve(".orun")).doesNotExist();
    }

    @Test
    void aliasesThatStayWithinTheLimitShareTheirContent() {
        YMap map = (YMap) YamlReader.parse("defaults: &d {image: alpine, retries: 2}\n"
                + "jobs: [*d, *d, *d]\n", Path.of("f.yaml"));

        List<?> jobs = (List<?>) map.toValue().get("jobs");
        assertThat(jobs).hasSize(3).allSatisfy(job -> assertThat(job).isEqualTo(java.util.Map.of("image", "alpine", "retries", 2L)));
        assertThat(((YList) map.get("jobs")).items().get(0)).isSameAs(((YList) map.get("jobs")).items().get(2));
    }

    @Test
    void aRecursiveAliasIsRefusedWithTheLineOfItsAnchor() {
        InvalidInputException error = refusal("ok: 1\nloop: &x\n  - a\n  - *x\n");

        assertThat(error.getMessage()).isEqualTo("f.yaml:2: recursive alias: anchor &x contains an alias to itself");
    }

    @Test
    void deepFlowNestingIsRefusedWithoutAStackOverflow() {
        String deep = "a: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";

        assertThat(refusal(deep).getMessage()).isEqualTo("f.yaml:1: nesting deeper than 200 levels");
    }

    @Test
    void deepBlockNestingIsRefusedAtTheLineWhereItCrossesTheLimit() {
        StringBuilder yaml = new StringBuilder();
        for (int level = 0; level < 1_000; level++) {
            yaml.append(" ".repeat(level)).append("k:\n");
        }

        assertThat(refusal(yaml.toString()).getMessage()).isEqualTo("f.yaml:201: nesting deeper than 200 levels");
    }

    @Test
    void deepCompactSequencesAndFlowMappingsAreRefusedToo() {
        assertThat(refusal("a:\n  " + "- ".repeat(20_000) + "x\n").getMessage())
                .isEqualTo("f.yaml:2: nesting deeper than 200 levels");
        assertThat(refusal("a: " + "{b: ".repeat(20_000) + "x" + "}".repeat(20_000) + "\n").getMessage())
                .isEqualTo("f.yaml:1: nesting deeper than 200 levels");
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        String deep = "a: " + "[".repeat(199) + "x" + "]".repeat(199) + "\n";

        assertThat(YamlReader.parse(deep, Path.of("f.yaml"))).isInstanceOf(YMap.class);
    }

    @Test
    void aTenMegabyteSingleLineFileIsRefusedBeforeParsing() throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, "a: " + "x".repeat(10 * 1024 * 1024) + "\n");

        assertThatThrownBy(() -> YamlReader.read(file, Path.of("big.yaml")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("big.yaml:1: file is larger than 2 MiB, the most orun reads from one YAML file");
    }

    @Test
    void anOversizedFileNamesTheLineWhereTheLimitIsCrossed() throws IOException {
        Path file = dir.resolve("long.yaml");
        String line = "- " + "y".repeat(1021) + "\n"; // 1 KiB per line
        Files.writeString(file, "list:\n" + line.repeat(3 * 1024));

        assertThatThrownBy(() -> YamlReader.read(file, Path.of("long.yaml")))
                .hasMessage("long.yaml:2049: file is larger than 2 MiB, the most orun reads from one YAML file");
    }

    @Test
    void aLongSingleLineJustUnderTheLimitIsRead() {
        String text = "a: " + "x".repeat(2 * 1024 * 1024 - 10) + "\n";

        assertThat(((YMap) YamlReader.parse(text, Path.of("f.yaml"))).string("a")).hasSize(2 * 1024 * 1024 - 10);
    }

    @Test
    void oversizedTextFromAnArchiveIsRefusedToo() {
        String text = "a: " + "x".repeat(3 * 1024 * 1024);

        assertThat(refusal(text).getMessage())
                .isEqualTo("f.yaml:1: file is larger than 2 MiB, the most orun reads from one YAML file");
    }
}
