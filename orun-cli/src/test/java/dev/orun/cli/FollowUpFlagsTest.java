package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code orun status}/{@code logs} need, printed after a run, to find that run. */
class FollowUpFlagsTest {

    private static final Map<String, String> REMOTE = Map.of("backendUrl", "http://127.0.0.1:8080");

    @Test
    void localRecordsNeedNoFlags() {
        assertThat(FollowUpFlags.of(Optional.empty(), Map.of(), () -> null)).isEmpty();
    }

    @Test
    void aServerTheEnvironmentOrTheSavedLoginNamesNeedsOnlyRemoteState() {
        assertThat(FollowUpFlags.of(Optional.of(REMOTE), Map.of("ORUN_BACKEND_URL", "http://127.0.0.1:8080"),
                () -> null)).isEqualTo(" --remote-state");
        assertThat(FollowUpFlags.of(Optional.of(REMOTE), Map.of(), () -> "http://127.0.0.1:8080"))
                .isEqualTo(" --remote-state");
    }

    @Test
    void aServerNamedOnlyByTheFlagOrTheIntentIsNamedInTheCommands() {
        assertThat(FollowUpFlags.of(Optional.of(REMOTE), Map.of(), () -> null))
                .isEqualTo(" --remote-state --backend-url http://127.0.0.1:8080");
        assertThat(FollowUpFlags.of(Optional.of(REMOTE), Map.of("ORUN_BACKEND_URL", "http://elsewhere:1"),
                () -> "http://127.0.0.1:8080"))
                .isEqualTo(" --remote-state --backend-url http://127.0.0.1:8080");
    }
}
