package dev.orun.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.plan.GoDuration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void plansWriteGoStyleDurations() {
        assertThat(GoDuration.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse(" ")).isNull();
    }

    @Test
    void aMalformedDurationIsRefusedNamingTheText() {
        assertThatThrownBy(() -> GoDuration.parse("10 minutes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"10 minutes\"");
        assertThatThrownBy(() -> GoDuration.parse("5m30"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCommandPrintsTheSameShortPaddedForm() {
        assertThat(Durations.format(Duration.ofMillis(340))).isEqualTo("340ms");
        assertThat(Durations.format(Duration.ofMillis(8_140))).isEqualTo("8.1s");
        assertThat(Durations.format(Duration.ofSeconds(64))).isEqualTo("1m04s");
        assertThat(Durations.format(Duration.ofMinutes(125))).isEqualTo("2h05m");
        assertThat(Durations.format(Duration.ofMillis(-5))).isEqualTo("0ms");
        assertThat(Durations.format(null)).isEqualTo("0ms");
    }

    @Test
    void secondsRoundHalfUpToTenthsAsPrintfDoesForEveryMillisecond() {
        for (long millis = 1000; millis < 60_000; millis++) {
            assertThat(Durations.format(Duration.ofMillis(millis))).as("%d ms", millis)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0));
        }
        assertThat(Durations.format(Duration.ofMillis(59_999))).isEqualTo("60.0s");
        assertThat(Durations.format(Duration.ofSeconds(3599))).isEqualTo("59m59s");
        assertThat(Durations.format(Duration.ofHours(100).plusMinutes(7))).isEqualTo("100h07m");
    }
}
