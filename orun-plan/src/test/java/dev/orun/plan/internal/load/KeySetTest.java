package dev.orun.plan.internal.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "Did you mean" suggestions: nearest known key by edit distance, only when it is plausibly a typo. */
class KeySetTest {

    @Test
    void suggestsTheNearestKeyForOneOrTwoEdits() {
        assertThat(KeySet.closest("enviroments", List.of("environments", "env"))).isEqualTo("environments");
        assertThat(KeySet.closest("phse", List.of("phase", "path"))).isEqualTo("phase");
        assertThat(KeySet.closest("DependsOn", List.of("dependsOn"))).isEqualTo("dependsOn");
        assertThat(KeySet.closest("paht", List.of("path", "phase"))).isEqualTo("path");
    }

    @Test
    void suggestsNothingWhenNoKeyIsClose() {
        assertThat(KeySet.closest("zzz", List.of("env", "run"))).isNull();
        assertThat(KeySet.closest("colour", List.of("type", "jobs", "defaultJob"))).isNull();
    }

    @Test
    void tiesGoToTheAlphabeticallyFirstKey() {
        assertThat(KeySet.closest("ab", List.of("ac", "aa"))).isEqualTo("aa");
    }
}
