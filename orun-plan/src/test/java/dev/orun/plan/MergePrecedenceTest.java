package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merge precedence (docs/decisions/merge-precedence.md), path resolution, YAML 1.2 typing and the matrix rule. */
class MergePrecedenceTest {

    @TempDir
    Path dir;

    Plan plan;

    @BeforeEach
    void compile() {
        plan = Fixtures.compile(Fixtures.copy("precedence", dir), PlanRequest.full());
    }

    @Test
    void parametersMergeEnvStarThenEnvTypeThenGroupStarThenGroupTypeThenComponentThenSubscription() {
        Job pay = plan.job("pay@dev.deploy").orElseThrow();

        assertThat(pay.parameters())
                .containsEntry("a", "subscription")
                .containsEntry("b", "component")
                .containsEntry("c", "group-type")
                .containsEntry("d", "group-star")
                .containsEntry("e", "env-type")
                .containsEntry("f", "env-star");
    }

    @Test
    void parameterValuesKeepTheirYamlTypesAndYamlOneTwoStrings() {
        Job pay = plan.job("pay@dev.deploy").orElseThrow();

        assertThat(pay.parameters()).containsEntry("replicas", 1L).containsEntry("ratio", 1.5)
                .containsEntry("on", "off").containsEntry("region", "dev-eu");
    }

    @Test
    void envMergesIntentThenEnvironmentThenComponentThenSubscriptionAndKeepsSourceText() {
        Job pay = plan.job("pay@dev.deploy").orElseThrow();

        assertThat(pay.env()).containsOnly(
                entry("LAYER", "subscription"),
                entry("FROM_INTENT", "yes"),
                entry("PORT", "8080"),
                entry("FROM_ENV", "true"),
                entry("FROM_COMPONENT", "x"),
                entry("STAGE", "env-dev"));
    }

    @Test
    void pathComesFromGroupDefaultsForInlineComponentsAndFromTheManifestDirectoryOtherwise() {
        assertThat(plan.job("pay@dev.deploy").orElseThrow().path()).isEqualTo("groups/payments/pay");
        assertThat(plan.job("pay@dev.deploy").orElseThrow().parameters()).doesNotContainKey("path");
        assertThat(plan.job("web@dev.deploy").orElseThrow().path()).isEqualTo("services/web");
        assertThat(plan.job("other@staging.deploy").orElseThrow().path()).isEqualTo("./");
    }

    @Test
    void labelsAreStringsAndJobFieldsComeFromTheComposition() {
        Job web = plan.job("web@dev.deploy").orElseThrow();

        assertThat(web.labels()).containsOnly(entry("team", "frontend"), entry("tier", "1"));
        assertThat(web.runsOn()).isEqualTo("ubuntu-latest");
        assertThat(web.retries()).isEqualTo(2);
        assertThat(web.steps().get(0).run()).isEqualTo("echo web");
    }

    @Test
    void subscriptionsDecideMembershipAndSelectorsApplyOnlyToUnsubscribedComponents() {
        assertThat(plan.jobs()).extracting(Job::id).containsExactly(
                "ledger@prod.deploy", "other@staging.deploy", "pay@dev.deploy", "web@dev.deploy");
    }
}
