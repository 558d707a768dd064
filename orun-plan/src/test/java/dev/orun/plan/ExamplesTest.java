package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The repository's {@code examples/} workspace (what the README's first command runs) compiles as documented. */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static Plan plan() {
        return new Planner(Workspace.discover(EXAMPLES, null)).compile(PlanRequest.full()).plan();
    }

    @Test
    void compilesFiveComponentsInThreeEnvironmentsWithoutWritingAnything() {
        boolean hadOrunDir = Files.exists(EXAMPLES.resolve(".orun"));
        Plan plan = plan();

        assertThat(plan.metadata().scope().components()).containsExactly("api", "auth", "database", "network", "web");
        assertThat(plan.metadata().scope().environments()).containsExactly("development", "production", "staging");
        assertThat(plan.jobs()).hasSize(21);
        assertThat(Files.exists(EXAMPLES.resolve(".orun"))).isEqualTo(hadOrunDir);
    }

    @Test
    void theProfileDiffersPerEnvironment() {
        Plan plan = plan();

        assertThat(plan.job("api@development.build").orElseThrow().steps()).extracting(Step::id)
                .containsExactly("setup", "compile", "lint", "unit-test", "summary");
        assertThat(plan.job("api@production.build").orElseThrow().steps()).extracting(Step::id)
                .containsExactly("setup", "compile", "unit-test", "package", "summary");
        assertThat(plan.job("api@development.deploy")).isEmpty();
        assertThat(plan.job("api@production.deploy").orElseThrow().profile()).isEqualTo("service.release");
    }

    @Test
    void dependencyChainsAndPromotionFromStaging() {
        Plan plan = plan();

        assertThat(plan.job("web@staging.deploy").orElseThrow().dependsOn())
                .containsExactly("api@staging.build", "api@staging.deploy");
        assertThat(plan.job("database@production.provision").orElseThrow().dependsOn())
                .containsExactly("database@staging.provision", "network@production.provision");
        assertThat(plan.job("network@staging.provision").orElseThrow().dependsOn()).isEmpty();
        assertThat(plan.jobs()).filteredOn(j -> j.environment().equals("production"))
                .allSatisfy(j -> assertThat(j.dependsOn()).anyMatch(d -> d.startsWith(j.component() + "@staging.")));
    }

    @Test
    void everyStepIsPlainShell() {
        for (Job job : plan().jobs()) {
            for (Step step : job.steps()) {
                assertThat(step.use()).as(job.id() + " " + step.id()).isNull();
                assertThat(step.run()).as(job.id() + " " + step.id()).isNotBlank().doesNotContain("{{");
            }
        }
    }
}
