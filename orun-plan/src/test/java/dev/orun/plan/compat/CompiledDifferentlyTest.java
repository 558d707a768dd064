package dev.orun.plan.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.plan.Step;
import dev.orun.plan.PlanRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, items 5–9: workspaces the Go planner compiles to particular values, compared field by
 * field with our plan. Expected values come from {@code reference/go-orun-plan.md} (section named
 * per test). Job ids use our {@code component@env.job} form, the documented difference.
 */
class CompiledDifferentlyTest {

    @TempDir
    Path dir;

    /** Item 5 — go-orun-plan.md §4.5 "Interpolation … and trim surrounding whitespace". */
    @Test
    void stringParametersAndEnvValuesAreTrimmedEvenWithoutATemplate() {
        GoWorkspace ws = GoWorkspace.withShellSteps(dir, "- name: show", "  run: |", "    echo one", "    echo two")
                .intent(
                        "env:",
                        "  PADDED: \"  spaced  \"",
                        "  BLOCK: |",
                        "    line",
                        "environments:",
                        "  dev: {selectors: {components: [\"*\"]}}",
                        "components:",
                        "  - name: api",
                        "    type: shell",
                        "    parameters:",
                        "      notes: |",
                        "        first line",
                        "      plain: \"  x  \"",
                        "      templated: \"{{.environment}}  \"",
                        "      count: 3");

        Job api = ws.job("api@dev.run");

        assertThat(api.parameters()).containsExactly(entry("count", 3L), entry("notes", "first line"),
                entry("plain", "x"), entry("templated", "dev"));
        assertThat(api.env()).containsExactly(entry("BLOCK", "line"), entry("PADDED", "spaced"));
        assertThat(api.steps().get(0).run()).as("step text is rendered, not trimmed").isEqualTo("echo one\necho two\n");
    }

    /** Item 6 — go-orun-plan.md §0.1 (gopkg.in/yaml.v3 applies merge keys; explicit keys win). */
    @Test
    void yamlMergeKeysAreMergedAndExplicitKeysWin() {
        GoWorkspace ws = GoWorkspace.withShellSteps(dir, "- name: show", "  run: echo hi")
                .intent(
                        "environments:",
                        "  dev: {}",
                        "  prod: {}",
                        "components:",
                        "  - name: api",
                        "    type: shell",
                        "    parameters: &base",
                        "      region: eu",
                        "      size: small",
                        "    env: &envs {A: \"1\", B: \"2\"}",
                        "    subscribe:",
                        "      environments:",
                        "        - name: dev",
                        "          parameters:",
                        "            <<: *base",
                        "            size: large",
                        "        - name: prod",
                        "          parameters:",
                        "            <<: [{size: huge, tier: gold}, *base]",
                        "          env:",
                        "            B: \"3\"",
                        "            <<: *envs");

        Job dev = ws.job("api@dev.run");
        Job prod = ws.job("api@prod.run");

        assertThat(dev.parameters()).containsExactly(entry("region", "eu"), entry("size", "large"));
        assertThat(prod.parameters()).containsExactly(entry("region", "eu"), entry("size", "huge"),
                entry("tier", "gold"));
        assertThat(prod.env()).containsExactly(entry("A", "1"), entry("B", "3"));
        assertThat(ws.warnings()).isEmpty();
    }

    /** Item 7 — go-orun-plan.md §5.1 PlanStep "id = step NAME (not the authored id!); step-<n> when unnamed". */
    @Test
    void aStepIdIsTheStepNameUniqueWithinTheJobAndEnvNumbersStayNumbers() {
        GoWorkspace ws = GoWorkspace.withShellSteps(dir,
                        "- name: compile",
                        "  id: compile-id",
                        "  run: echo 1",
                        "  env: {PORT: 8080, RATIO: 1.5, DEBUG: true, NAME: \"{{.orun.environment.name}}\"}",
                        "- run: echo unnamed",
                        "- name: compile",
                        "  id: compile-again",
                        "  run: echo 2")
                .intent("environments:", "  dev: {selectors: {components: [\"*\"]}}",
                        "components:", "  - {name: api, type: shell}");

        var plan = ws.compile().plan();
        List<Step> steps = plan.job("api@dev.run").orElseThrow().steps();

        assertThat(steps).extracting(Step::id).containsExactly("compile", "step-2", "compile-2");
        assertThat(steps).extracting(Step::name).containsExactly("compile", null, "compile");
        assertThat((Map<String, Object>) steps.get(0).envValues()).containsExactly(entry("DEBUG", true),
                entry("NAME", "dev"), entry("PORT", 8080L), entry("RATIO", 1.5));
        assertThat(steps.get(0).env()).containsEntry("PORT", "8080").containsEntry("DEBUG", "true");
        assertThat(PlanJson.toJson(plan)).contains("\"PORT\": 8080,").contains("\"DEBUG\": true,");
        assertThat(PlanJson.toJson(PlanJson.parse(PlanJson.toBytes(plan), Path.of("plan.json"))))
                .as("a saved plan reads back to the same bytes").isEqualTo(PlanJson.toJson(plan));
    }

    /**
     * Deliberate difference (README "Coming from the Go orun"): an unnamed step with an authored id
     * keeps that id, so GitHub-style {@code steps.<id>.outputs} find it; Go would say step-<n>.
     */
    @Test
    void anUnnamedStepWithAnIdKeepsItsIdWhileNamedStepsStillUseTheirName() {
        GoWorkspace ws = GoWorkspace.withShellSteps(dir,
                        "- id: greet",
                        "  run: echo 1",
                        "- name: show",
                        "  id: show-id",
                        "  run: echo 2",
                        "- run: echo 3")
                .intent("environments:", "  dev: {selectors: {components: [\"*\"]}}",
                        "components:", "  - {name: api, type: shell}");

        List<Step> steps = ws.compile().plan().job("api@dev.run").orElseThrow().steps();

        assertThat(steps).extracting(Step::id).containsExactly("greet", "show", "step-3");
    }

    /** Item 8 — go-orun-plan.md §4.10 step 2: "--component X … Dependencies are not added". */
    @Test
    void componentIsAFilterWhileAScopeComponentBringsItsDependencies() {
        GoWorkspace ws = GoWorkspace.withShellSteps(dir, "- name: show", "  run: echo hi")
                .intent("environments:", "  dev: {selectors: {components: [\"*\"]}}",
                        "components:",
                        "  - {name: db, type: shell}",
                        "  - {name: api, type: shell, dependsOn: [{component: db}]}");

        var filtered = ws.compile(new PlanRequest(List.of(), List.of("api"), false, null, null, null)).plan();
        var scoped = ws.compile(new PlanRequest(List.of(), List.of(), false, null, null, null)
                .withScope(List.of("api"))).plan();

        assertThat(filtered.jobs()).extracting(Job::id).containsExactly("api@dev.run");
        assertThat(filtered.jobs().get(0).dependsOn()).isEmpty();
        assertThat(scoped.jobs()).extracting(Job::id).containsExactly("api@dev.run", "db@dev.run");
        assertThat(scoped.job("api@dev.run").orElseThrow().dependsOn()).containsExactly("db@dev.run");
    }

    /** Item 9 — go-orun-plan.md §4.3 "Promotion cycle detection (DFS)", independent of jobs. */
    @Test
    void aPromotionCycleIsAnErrorEvenWhenTheEnvironmentsShareNoJobs() {
        GoWorkspace ws = GoWorkspace.withShellSteps(dir, "- name: show", "  run: echo hi")
                .intent("environments:",
                        "  qa: {promotion: {dependsOn: [{environment: uat}]}}",
                        "  uat: {promotion: {dependsOn: [qa]}}",
                        "  dev: {selectors: {components: [\"*\"]}}",
                        "components:", "  - {name: api, type: shell}");

        assertThat(ws.error()).isEqualTo("intent.yaml:8: promotion dependency cycle detected: qa → uat → qa");
    }
}
