package dev.orun.plan.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Job;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 10 — go-orun-plan.md §2.2: a {@code dependsOn} naming a component that does not
 * exist "simply never resolves", and "subscribing to an undeclared environment is silently
 * ignored". We compile the same plan and say so in a warning ({@code --strict} refuses it).
 */
class AcceptedWithWarningTest {

    @TempDir
    Path dir;

    @Test
    void anUnknownDependencyAndAnUndeclaredSubscriptionAreDroppedWithWarnings() {
        GoWorkspace ws = GoWorkspace.withShellSteps(dir, "- name: show", "  run: echo hi")
                .intent("environments:", "  dev: {}", "  prod: {}",
                        "components:",
                        "  - name: api",
                        "    type: shell",
                        "    subscribe: {environments: [dev, qa, prdo]}",
                        "    dependsOn:",
                        "      - {component: dbb}",
                        "      - {component: api, environment: staging}");

        var compiled = ws.compile();

        assertThat(compiled.plan().jobs()).extracting(Job::id).containsExactly("api@dev.run");
        assertThat(compiled.plan().jobs().get(0).dependsOn()).isEmpty();
        assertThat(ws.warnings()).containsExactly(
                "intent.yaml:12: warning: component api subscribes to undeclared environment \"prdo\"; ignored"
                        + " (did you mean \"prod\"?)",
                "intent.yaml:12: warning: component api subscribes to undeclared environment \"qa\"; ignored",
                "intent.yaml:14: warning: component api depends on unknown component \"dbb\"; ignored",
                "intent.yaml:15: warning: component api depends on api in undeclared environment \"staging\"; ignored");
    }
}
