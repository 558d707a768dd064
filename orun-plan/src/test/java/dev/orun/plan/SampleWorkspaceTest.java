package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.Step;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The illustrative example of the original orun's plan documentation, with ids in orun's {@code @} form. */
class SampleWorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void compilesTheDemoIntoFourJobsWithComponentAndPromotionEdges() {
        Plan plan = Fixtures.compile(Fixtures.copy("demo", dir), PlanRequest.full());

        assertThat(plan.jobs()).extracting(Job::id)
                .containsExactly("api@dev.run", "api@prod.run", "db@dev.run", "db@prod.run");
        assertThat(plan.job("db@dev.run").orElseThrow().dependsOn()).isEmpty();
        assertThat(plan.job("api@dev.run").orElseThrow().dependsOn()).containsExactly("db@dev.run");
        assertThat(plan.job("db@prod.run").orElseThrow().dependsOn()).containsExactly("db@dev.run");
        assertThat(plan.job("api@prod.run").orElseThrow().dependsOn()).containsExactly("api@dev.run", "db@prod.run");
    }

    @Test
    void rendersStepsInPhaseOrderWithMergedParameters() {
        Plan plan = Fixtures.compile(Fixtures.copy("demo", dir), PlanRequest.full());

        Job api = plan.job("api@prod.run").orElseThrow();
        assertThat(api.composition()).isEqualTo("shell");
        assertThat(api.path()).isEqualTo("services/api");
        assertThat(api.timeout()).isEqualTo("5m");
        assertThat(api.env()).containsExactly(java.util.Map.entry("TEAM", "core"));
        assertThat(api.parameters()).containsEntry("greeting", "welcome").containsEntry("message", "api");
        assertThat(api.steps()).extracting(Step::id).containsExactly("prepare", "greet");
        assertThat(api.steps()).extracting(Step::phase).containsExactly("pre", "main");
        assertThat(api.steps().get(1).run()).isEqualTo("echo \"welcome from api@prod.run: api\"");

        Job db = plan.job("db@dev.run").orElseThrow();
        assertThat(db.path()).isEqualTo("./");
        assertThat(db.parameters()).containsEntry("greeting", "hello").containsEntry("message", "db on dev");
    }

    @Test
    void recordsNameScopeAndChecksum() {
        Plan plan = Fixtures.compile(Fixtures.copy("demo", dir), PlanRequest.full());

        assertThat(plan.metadata().name()).isEqualTo("demo");
        assertThat(plan.metadata().scope().mode()).isEqualTo("full");
        assertThat(plan.metadata().scope().components()).containsExactly("api", "db");
        assertThat(plan.metadata().scope().environments()).containsExactly("dev", "prod");
        assertThat(plan.metadata().checksum()).matches("sha256-[0-9a-f]{64}");
        assertThat(plan.metadata().source()).isNull();
        assertThat(plan.execution().concurrency()).isEqualTo(4);
        assertThat(plan.execution().failFast()).isTrue();
    }
}
