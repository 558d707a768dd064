package dev.orun.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parsers the compiler and the engine share for a plan's execution settings. */
class PlanValueParsersTest {

    @Test
    void goDurationsInEveryUnitAndCombination() {
        assertThat(GoDuration.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse(" 500ms ")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("2m3s4ms5us6ns")).isEqualTo(Duration.ofNanos(123_004_005_006L));
        assertThat(GoDuration.parse("10µs")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDuration.parse(".5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("")).isNull();
        assertThat(GoDuration.parse(null)).isNull();
    }

    @Test
    void anythingElseIsRefusedWithTheValueAndTheExpectedForm() {
        for (String bad : List.of("5 minutes", "5", "m", "1h 30m", "-5s", "1d", "5mins", "1.2.3s")) {
            assertThatThrownBy(() -> GoDuration.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid duration \"" + bad + "\" (expected a number and a unit, e.g. 90s, 10m, 1h30m)");
        }
        assertThatThrownBy(() -> GoDuration.parse("0s")).hasMessage("invalid duration \"0s\" (must be longer than zero)");
        assertThatThrownBy(() -> GoDuration.parse("9999999999h")).hasMessage("invalid duration \"9999999999h\" (too long)");
    }

    @Test
    void shellsTheRunnersKnow() {
        assertThat(StepShell.parse(null).kind()).isEqualTo(StepShell.Kind.DEFAULT);
        assertThat(StepShell.parse(" Bash ").kind()).isEqualTo(StepShell.Kind.BASH);
        assertThat(StepShell.parse("sh").kind()).isEqualTo(StepShell.Kind.SH);
        assertThat(StepShell.parse("python3").kind()).isEqualTo(StepShell.Kind.PYTHON);
        assertThat(StepShell.parse("perl  -w {0}").template()).containsExactly("perl", "-w", "{0}");
        assertThatThrownBy(() -> StepShell.parse("fish")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported shell \"fish\" (known: sh, bash, python, python3, or a command with {0} for the script file)");
    }

    @Test
    void onFailureValuesInEitherCase() {
        assertThat(Step.isOnFailureValue("Continue")).isTrue();
        assertThat(Step.isOnFailureValue("stop")).isTrue();
        assertThat(Step.isOnFailureValue("ignore")).isFalse();
    }
}
