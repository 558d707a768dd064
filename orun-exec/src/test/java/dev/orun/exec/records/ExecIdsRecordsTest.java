package dev.orun.exec.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExecIdsRecordsTest {

    @Test
    void generatedIdsAreReadableSortableAndValid() {
        Clock clock = Clock.fixed(Instant.parse("2026-05-30T09:12:03Z"), ZoneOffset.UTC);
        String id = ExecIds.generate("Release Candidate", clock);

        assertThat(id).matches("release-candidate-20260530-091203-[0-9a-f]{6}");
        assertThat(ExecIds.validate(id)).isEqualTo(id);
        assertThat(ExecIds.generate(null, clock)).startsWith("run-20260530-091203-");
        assertThat(ExecIds.generate("../../", clock)).startsWith("run-");
        assertThat(ExecIds.generate("a/b", clock)).startsWith("a-b-");
        assertThat(ExecIds.generate("x".repeat(80), clock)).startsWith("x".repeat(30) + "-2026");
        assertThat(ExecIds.generate("a", Clock.fixed(Instant.parse("2026-05-30T09:12:04Z"), ZoneOffset.UTC)))
                .isGreaterThan(ExecIds.generate("a", clock));
    }

    @Test
    void userSuppliedIdsAreCheckedWithExitTwo() {
        assertThat(ExecIds.validate("ci-run-12345.1_a")).isEqualTo("ci-run-12345.1_a");
        for (String bad : new String[] {"", " ", "../x", "a/b", "..", ".hidden", "-flag", "a b", "é",
                "x".repeat(129)}) {
            assertThatThrownBy(() -> ExecIds.validate(bad)).as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).exitCode()).isEqualTo(2));
        }
        assertThat(ExecIds.validate("x".repeat(128))).hasSize(128);
    }
}
