package dev.orun.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CiEnvironmentTest {

    @Test
    void anyServicesMarkerMeansCi() {
        assertThat(CiEnvironment.detected(Map.of("CI", "true"))).isTrue();
        assertThat(CiEnvironment.detected(Map.of("GITHUB_ACTIONS", "true"))).isTrue();
        assertThat(CiEnvironment.detected(Map.of("JENKINS_URL", "http://jenkins"))).isTrue();
        assertThat(CiEnvironment.detected(Map.of("BUILDKITE", "1"))).isTrue();
    }

    @Test
    void emptyOrFalseMarkersAndOtherVariablesAreNotCi() {
        assertThat(CiEnvironment.detected(Map.of())).isFalse();
        assertThat(CiEnvironment.detected(Map.of("CI", "false"))).isFalse();
        assertThat(CiEnvironment.detected(Map.of("CI", ""))).isFalse();
        assertThat(CiEnvironment.detected(Map.of("HOME", "/root", "TERM", "xterm"))).isFalse();
    }
}
