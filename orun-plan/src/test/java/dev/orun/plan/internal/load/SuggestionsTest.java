package dev.orun.plan.internal.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "Did you mean" suggestions: nearest known key by edit distance, only when it is plausibly a typo. */
class SuggestionsTest {

    @Test
    void suggestsTheNearestKeyForOneOrTwoEdits() {
        assertThat(Suggestions.closest("enviroments", List.of("environments", "env"))).isEqualTo("environments");
        assertThat(Suggestions.closest("phse", List.of("phase", "path"))).isEqualTo("phase");
        assertThat(Suggestions.closest("DependsOn", List.of("dependsOn"))).isEqualTo("dependsOn");
        assertThat(Suggestions.closest("paht", List.of("path", "phase"))).isEqualTo("path");
    }

    @Test
    void suggestsNothingWhenNoKeyIsClose() {
        assertThat(Suggestions.closest("zzz", List.of("env", "run"))).isNull();
        assertThat(Suggestions.closest("colour", List.of("type", "jobs", "defaultJob"))).isNull();
    }

    @Test
    void tiesGoToTheAlphabeticallyFirstKey() {
        assertThat(Suggestions.closest("ab", List.of("ac", "aa"))).isEqualTo("aa");
    }
}
