package dev.orun.plan.changes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.plan.YamlLimitsTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The base revision of intent.yaml is input too: comparing it is bounded like every YAML file, and
 * a refusal means "cannot compare" (every component is selected), never a hang or a crash.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IntentDiffLimitsTest {

    @Test
    void anAliasBombInTheBaseRevisionCannotBeCompared() {
        String bomb = "metadata: {name: x}\n" + YamlLimitsTest.aliasBomb("");

        assertThatThrownBy(() -> IntentDiff.between(bomb, "metadata: {name: x}\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("intent\\.yaml:[0-9]+: aliases expand this document beyond .*");
    }

    @Test
    void deepNestingInTheHeadRevisionCannotBeCompared() {
        String deep = "metadata: {name: x}\nenv: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";

        assertThatThrownBy(() -> IntentDiff.between("metadata: {name: x}\n", deep))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("intent.yaml:2: nesting deeper than 200 levels");
    }
}
