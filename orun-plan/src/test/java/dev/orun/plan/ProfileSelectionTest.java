package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.Step;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles choose jobs and steps; overrides patch them; steps sort by phase, order, position. */
class ProfileSelectionTest {

    @TempDir
    Path dir;

    Plan plan;

    @BeforeEach
    void compile() {
        plan = Fixtures.compile(Fixtures.copy("profiles", dir), PlanRequest.full());
    }

    @Test
    void defaultProfileKeepsSelectedCapabilitiesAndStepsWithoutOne() {
        Job build = plan.job("api@dev.build").orElseThrow();

        assertThat(build.profile()).isEqualTo("service.verify");
        assertThat(build.timeout()).isEqualTo("10m");
        assertThat(build.steps()).extracting(Step::id)
                .containsExactly("Early setup", "setup", "checkout", "lint", "test");
        assertThat(build.steps().get(0).name()).isEqualTo("Early setup");
        assertThat(plan.job("api@dev.deploy")).isEmpty();
    }

    @Test
    void subscriptionProfileSelectsItsJobsAndEnabledSteps() {
        assertThat(plan.job("api@prod.build").orElseThrow().steps()).extracting(Step::id)
                .containsExactly("checkout", "package");
        assertThat(plan.job("api@prod.build").orElseThrow().profile()).isEqualTo("service.release");
    }

    @Test
    void stepOverridesReplaceRunAndEnvBeforeRendering() {
        Step apply = plan.job("api@prod.deploy").orElseThrow().steps().get(0);

        assertThat(apply.run()).isEqualTo("echo deploy --prod api");
        assertThat(apply.env()).containsOnly(entry("MODE", "release"));
    }

    @Test
    void componentOverridesReplaceStepsByNameAndAppendNewOnes() {
        Job check = plan.job("util@dev.check").orElseThrow();

        assertThat(check.profile()).isEqualTo("lib.quick");
        assertThat(check.steps()).extracting(Step::id).containsExactly("extra", "fast");
        assertThat(check.steps().get(1).run()).isEqualTo("echo overridden");
    }

    @Test
    void promotionMakesEveryProdJobWaitForTheSameComponentInDev() {
        assertThat(plan.job("api@prod.deploy").orElseThrow().dependsOn()).containsExactly("api@dev.build");
        assertThat(plan.job("api@prod.build").orElseThrow().dependsOn()).containsExactly("api@dev.build");
        assertThat(plan.job("util@dev.check").orElseThrow().dependsOn()).isEmpty();
    }
}
