package dev.orun.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepIdsTest {

    @Test
    void distinctIdsAreKept() {
        assertThat(StepIds.unique(List.of("compile", "test"))).containsExactly("compile", "test");
    }

    @Test
    void repeatsGetANumberFromTwoOn() {
        assertThat(StepIds.unique(List.of("build", "build", "build")))
                .containsExactly("build", "build-2", "build-3");
    }

    @Test
    void aSuffixThatIsAlreadyTakenIsSkipped() {
        assertThat(StepIds.unique(List.of("build-2", "build", "build")))
                .containsExactly("build-2", "build", "build-3");
    }

    @Test
    void positionalIdsAreOneBased() {
        assertThat(StepIds.positional(1)).isEqualTo("step-1");
    }
}
