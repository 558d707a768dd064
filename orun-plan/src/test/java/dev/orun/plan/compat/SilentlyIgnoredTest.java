package dev.orun.plan.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Job.Gate;
import dev.orun.core.plan.Job.SecretRef;
import dev.orun.core.plan.PlanJson;
import dev.orun.plan.PlanRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, items 1–4: declarations the Go planner gives meaning to, compared field by field with
 * the job fields it emits (go-orun-plan.md sections named per test; our ids are component@env.job).
 */
class SilentlyIgnoredTest {

    @TempDir
    Path dir;

    private GoWorkspace shell() {
        return GoWorkspace.withShellSteps(dir, "- name: show", "  run: echo hi");
    }

    /** Item 1 — go-orun-plan.md §1.5 and §4.5: four secretEnv layers, optionalSecretEnv, secretRefs sorted by asEnv. */
    @Test
    void secretEnvLayersBecomeSecretRefsWithoutValues() {
        GoWorkspace ws = shell().intent(
                "secretEnv: {TOKEN: \"secret://intent/token\", DB: \"secret://intent/db\"}",
                "environments:",
                "  dev:",
                "    secretEnv: {DB: \"secret://{{.environment}}/db\"}",
                "components:",
                "  - name: api",
                "    type: shell",
                "    secretEnv: {API_KEY: \"secret://api/key\"}",
                "    optionalSecretEnv: {SENTRY: \"secret://api/sentry\"}",
                "    subscribe:",
                "      environments:",
                "        - name: dev",
                "          secretEnv: {TOKEN: \"secret://dev/token\"}");

        Job api = ws.job("api@dev.run");

        assertThat(api.secretRefs()).containsExactly(
                new SecretRef("API_KEY", "secret://api/key", false),
                new SecretRef("DB", "secret://dev/db", false),
                new SecretRef("SENTRY", "secret://api/sentry", true),
                new SecretRef("TOKEN", "secret://dev/token", false));
        assertThat(api.env()).isEmpty();
        assertThat(PlanJson.toJson(ws.compile().plan())).contains("\"asEnv\": \"SENTRY\"")
                .contains("\"optional\": true");
    }

    /** Item 1 — go-orun-plan.md §1.5: values must be secret:// references; a key is a secret or plain env, not both. */
    @Test
    void aLiteralSecretOrASecretShadowingEnvIsRefusedWithoutPrintingTheValue() {
        GoWorkspace literal = shell().intent("environments: {dev: {}}", "components:",
                "  - {name: api, type: shell, secretEnv: {TOKEN: hunter2}}");
        assertThat(literal.error()).isEqualTo("intent.yaml:8: secretEnv.TOKEN must be a secret:// reference, "
                + "not a literal value").doesNotContain("hunter2");

        GoWorkspace shadow = shell().intent("env: {TOKEN: plain}", "environments: {dev: {}}", "components:",
                "  - {name: api, type: shell, subscribe: {environments: [dev]}, secretEnv: {TOKEN: \"secret://x\"}}");
        assertThat(shadow.error()).contains("secretEnv \"TOKEN\" is also a plain env variable");
    }

    /** Item 2 — go-orun-plan.md §4.8: advisory edges go to advisoryDependsOn, disabled drops them. */
    @Test
    void dependencyModesAdvisoryAndDisabled() {
        GoWorkspace ws = shell().intent(
                "environments:",
                "  dev: {dependencyMode: advisory}",
                "  prod: {}",
                "  qa: {}",
                "components:",
                "  - {name: db, type: shell, subscribe: {environments: [dev, prod, qa]}}",
                "  - name: api",
                "    type: shell",
                "    dependsOn: [db]",
                "    subscribe:",
                "      environments: [dev, prod, {name: qa, dependencyMode: disabled}]");

        var plan = ws.compile().plan();
        Job dev = plan.job("api@dev.run").orElseThrow();
        Job prod = plan.job("api@prod.run").orElseThrow();
        Job qa = plan.job("api@qa.run").orElseThrow();

        assertThat(dev.dependsOn()).isEmpty();
        assertThat(dev.advisoryDependsOn()).containsExactly("db@dev.run");
        assertThat(dev.dependencyMode()).isEqualTo("advisory");
        assertThat(prod.dependsOn()).containsExactly("db@prod.run");
        assertThat(prod.advisoryDependsOn()).isEmpty();
        assertThat(prod.dependencyMode()).as("enforced is the default and left out").isNull();
        assertThat(qa.dependsOn()).isEmpty();
        assertThat(qa.advisoryDependsOn()).isEmpty();
        assertThat(qa.dependencyMode()).isEqualTo("disabled");
    }

    /** Item 3 — go-orun-plan.md §1.6: presets merge into the intent, the repository wins. */
    @Test
    void intentPresetsAreMergedBeforeAnythingElseAndTheRepositoryWins() {
        GoWorkspace ws = shell()
                .file("stack/stack.yaml", "apiVersion: orun.io/v1", "kind: Stack", "metadata: {name: go-stack}",
                        "spec:", "  intentPresets: [{name: base, path: presets/base.yaml}]")
                .file("stack/presets/base.yaml", "apiVersion: orun.io/v1", "kind: IntentPreset",
                        "metadata: {name: base}",
                        "spec:",
                        "  env: {REGION: eu, TEAM: platform}",
                        "  environments:",
                        "    staging: {selectors: {components: [\"*\"]}, env: {TIER: staging}}",
                        "    dev:",
                        "      parameterDefaults: {\"*\": {size: small, replicas: 1}}",
                        "      env: {TIER: preset-dev, EXTRA: yes}")
                .intent(
                        "extends: [{source: local, preset: base}]",
                        "env: {TEAM: app}",
                        "environments:",
                        "  dev:",
                        "    selectors: {components: [\"*\"]}",
                        "    parameterDefaults: {\"*\": {size: large}}",
                        "    env: {TIER: dev}",
                        "components:",
                        "  - {name: api, type: shell}");

        var plan = ws.compile().plan();
        Job dev = plan.job("api@dev.run").orElseThrow();
        Job staging = plan.job("api@staging.run").orElseThrow();

        assertThat(plan.jobs()).extracting(Job::id).containsExactly("api@dev.run", "api@staging.run");
        assertThat(dev.parameters()).containsExactly(entry("replicas", 1L), entry("size", "large"));
        assertThat(dev.env()).containsExactly(entry("EXTRA", "yes"), entry("REGION", "eu"), entry("TEAM", "app"),
                entry("TIER", "dev"));
        assertThat(staging.env()).containsExactly(entry("REGION", "eu"), entry("TEAM", "app"), entry("TIER", "staging"));
        assertThat(ws.warnings()).isEmpty();
    }

    /** Item 4 — go-orun-plan.md §4.9: satisfy and gates when the earlier environment is not in the plan. */
    @Test
    void promotionGatesWhenTheEarlierEnvironmentIsNotInThePlan() {
        GoWorkspace ws = shell().intent(
                "environments:",
                "  staging: {selectors: {components: [\"*\"]}}",
                "  prod:",
                "    selectors: {components: [\"*\"]}",
                "    promotion:",
                "      dependsOn: [{environment: staging, satisfy: previous-success, match: {revision: commit}}]",
                "  canary:",
                "    selectors: {components: [\"*\"]}",
                "    promotion: {dependsOn: [staging]}",
                "components:",
                "  - {name: api, type: shell}");

        var full = ws.compile().plan();
        var prodOnly = ws.compile(new PlanRequest(List.of("prod,canary"), List.of(), true, null, null, null)).plan();

        assertThat(full.job("api@prod.run").orElseThrow().dependsOn())
                .as("previous-success never adds an edge").isEmpty();
        assertThat(full.job("api@canary.run").orElseThrow().dependsOn()).containsExactly("api@staging.run");
        assertThat(full.job("api@prod.run").orElseThrow().gates()).isEmpty();
        assertThat(prodOnly.job("api@prod.run").orElseThrow().gates()).containsExactly(
                new Gate("environment-promotion", "staging", "api", "success", Map.of("revision", "commit")));
        assertThat(prodOnly.job("api@canary.run").orElseThrow().gates()).containsExactly(
                new Gate("environment-promotion", "staging", "api", "success", Map.of("revision", "source")));
    }
}
