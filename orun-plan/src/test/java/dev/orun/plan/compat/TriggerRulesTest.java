package dev.orun.plan.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Job;
import dev.orun.plan.CompiledPlan;
import dev.orun.plan.PlanRequest;
import dev.orun.plan.TriggerRequest;
import dev.orun.plan.changes.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, items 2 and 13: what applies only under a trigger. Subscription {@code dependencyRules}
 * (go-orun-plan.md §4.8: the first rule whose {@code when.triggerRef} fired, then the
 * subscription's mode, the environment's, enforced), {@code profileRules} (§3.5 step 2 and the
 * §2.2 field table: first match among the fired bindings, {@code profile} as fallback, the
 * triggerRef must exist) and a binding's {@code plan.scope: changed} (§1.4: change detection with
 * the event's base/head).
 */
class TriggerRulesTest {

    @TempDir
    Path dir;

    private static final String[] BINDINGS = {
        "automation:",
        "  triggerBindings:",
        "    pr:",
        "      on: {provider: github, event: pull_request}",
        "    push-main:",
        "      on: {provider: github, event: push, branches: [main]}",
        "environments:",
        "  dev: {activation: {triggerRefs: [pr, push-main]}}",
    };

    private GoWorkspace intentWith(GoWorkspace ws, String... componentLines) {
        String[] all = new String[BINDINGS.length + componentLines.length];
        System.arraycopy(BINDINGS, 0, all, 0, BINDINGS.length);
        System.arraycopy(componentLines, 0, all, BINDINGS.length, componentLines.length);
        return ws.intent(all);
    }

    private static PlanRequest trigger(String name) {
        return PlanRequest.full().withTrigger(TriggerRequest.named(name));
    }

    @Test
    void aDependencyRuleAppliesOnlyWhenItsTriggerFired() {
        GoWorkspace ws = intentWith(GoWorkspace.withShellSteps(dir, "- name: show", "  run: echo hi"),
                "components:",
                "  - {name: db, type: shell, subscribe: {environments: [dev]}}",
                "  - name: api",
                "    type: shell",
                "    dependsOn: [db]",
                "    subscribe:",
                "      environments:",
                "        - name: dev",
                "          dependencyMode: disabled",
                "          dependencyRules: [{mode: advisory, when: {triggerRef: pr}}]");

        Job underPr = ws.compile(trigger("pr")).plan().job("api@dev.run").orElseThrow();
        Job underPush = ws.compile(trigger("push-main")).plan().job("api@dev.run").orElseThrow();
        Job manual = ws.job("api@dev.run");

        assertThat(underPr.dependencyMode()).isEqualTo("advisory");
        assertThat(underPr.advisoryDependsOn()).containsExactly("db@dev.run");
        assertThat(underPr.dependsOn()).isEmpty();
        assertThat(underPush.dependencyMode()).as("no rule fired: the subscription's mode").isEqualTo("disabled");
        assertThat(underPush.advisoryDependsOn()).isEmpty();
        assertThat(underPush.dependsOn()).isEmpty();
        assertThat(manual.dependencyMode()).isEqualTo("disabled");
        assertThat(ws.warnings()).noneMatch(w -> w.contains("dependencyRules"));
    }

    @Test
    void aProfileRuleChoosesTheProfileWhenItsTriggerFiredElseTheSubscriptionsProfile() {
        GoWorkspace ws = intentWith(profiledStack(),
                "components:",
                "  - name: infra",
                "    type: tf",
                "    subscribe:",
                "      environments:",
                "        - name: dev",
                "          profile: tf.apply",
                "          profileRules: [{profile: plan-only, when: {triggerRef: pr}}]");

        Job underPr = ws.compile(trigger("pr")).plan().job("infra@dev.plan").orElseThrow();
        CompiledPlan underPush = ws.compile(trigger("push-main"));

        assertThat(underPr.profile()).isEqualTo("tf.plan-only");
        assertThat(underPush.plan().jobs()).extracting(Job::id).containsExactly("infra@dev.apply");
        assertThat(underPush.plan().jobs().get(0).profile()).isEqualTo("tf.apply");
        assertThat(ws.job("infra@dev.apply").profile()).isEqualTo("tf.apply");
    }

    @Test
    void rulesNamingAnUndeclaredTriggerOrProfileRulesWithoutFallbackAreErrors() {
        GoWorkspace unknown = intentWith(GoWorkspace.withShellSteps(dir, "- name: show", "  run: echo hi"),
                "components:",
                "  - name: api",
                "    type: shell",
                "    subscribe: {environments: [{name: dev, dependencyRules: [{mode: advisory, when: {triggerRef: nightly}}]}]}");
        assertThat(unknown.error()).isEqualTo("intent.yaml:17: component api in dev: dependencyRules names trigger"
                + " \"nightly\", which automation.triggerBindings does not declare");

        GoWorkspace noFallback = intentWith(profiledStack(),
                "components:",
                "  - name: infra",
                "    type: tf",
                "    subscribe: {environments: [{name: dev, profileRules: [{profile: apply, when: {triggerRef: pr}}]}]}");
        assertThat(noFallback.error()).contains("component infra in dev: profileRules need a profile to fall back to");

        GoWorkspace badMode = intentWith(GoWorkspace.withShellSteps(dir, "- name: show", "  run: echo hi"),
                "components:",
                "  - name: api",
                "    type: shell",
                "    subscribe: {environments: [{name: dev, dependencyRules: [{mode: loose, when: {triggerRef: pr}}]}]}");
        assertThat(badMode.error()).contains("dependencyRules: invalid mode \"loose\"");
    }

    @Test
    void aChangedScopeBindingPlansOnlyTheComponentsChangedBetweenTheEventsBaseAndHead() throws IOException {
        GitRepo repo = GitRepo.init(dir);
        GoWorkspace.withShellSteps(dir, "- name: show", "  run: echo hi").intent(
                "discovery: {roots: [services]}",
                "automation:",
                "  triggerBindings:",
                "    pr:",
                "      on: {provider: github, event: pull_request}",
                "      plan: {scope: changed, base: pull_request.base.sha, head: pull_request.head.sha}",
                "    release:",
                "      on: {provider: github, event: push, tags: [\"v*\"]}",
                "environments:",
                "  preview: {selectors: {components: [\"*\"]}, activation: {triggerRefs: [pr, release]}}");
        component(repo, "api");
        component(repo, "web");
        String base = repo.commitAll("base").head();
        repo.write("services/web/index.html", "<p>changed</p>\n");
        String head = repo.commitAll("change web").head();
        Path pr = Files.writeString(dir.resolve("../pr-event.json"), "{\"action\":\"opened\",\"pull_request\":{"
                + "\"base\":{\"ref\":\"main\",\"sha\":\"" + base + "\"},\"head\":{\"ref\":\"f\",\"sha\":\"" + head
                + "\"}}}");
        Path tag = Files.writeString(dir.resolve("../tag-event.json"), "{\"ref\":\"refs/tags/v1\"}");
        GoWorkspace ws = GoWorkspace.empty(dir);

        CompiledPlan changed = ws.compile(PlanRequest.full().withTrigger(TriggerRequest.fromCi("github", pr,
                "pull_request")));
        CompiledPlan full = ws.compile(PlanRequest.full().withTrigger(TriggerRequest.fromCi("github", tag, "push")));

        assertThat(changed.plan().jobs()).extracting(Job::id).containsExactly("web@preview.run");
        assertThat(changed.plan().metadata().scope().mode()).isEqualTo("changed");
        assertThat(full.plan().jobs()).extracting(Job::id).containsExactly("api@preview.run", "web@preview.run");
    }

    private static void component(GitRepo repo, String name) {
        repo.write("services/" + name + "/component.yaml", String.join("\n",
                "apiVersion: sourceplane.io/v1", "kind: Component", "metadata: {name: " + name + "}",
                "spec: {type: shell}", ""));
        repo.write("services/" + name + "/index.html", "<p>" + name + "</p>\n");
    }

    /** A composition {@code tf} with profiles {@code apply} (job apply) and {@code plan-only} (job plan). */
    private GoWorkspace profiledStack() {
        return GoWorkspace.empty(dir)
                .file("stack/stack.yaml", "apiVersion: orun.io/v1", "kind: Stack", "metadata: {name: s}")
                .file("stack/tf/compositions.yaml",
                        "apiVersion: sourceplane.io/v1alpha1",
                        "kind: Composition",
                        "metadata: {name: tf}",
                        "spec:",
                        "  type: tf",
                        "  parameterSchema: {type: object}",
                        "  jobs:",
                        "    - {name: plan, steps: [{name: plan, run: echo plan}]}",
                        "    - {name: apply, steps: [{name: apply, run: echo apply}]}",
                        "  executionProfiles:",
                        "    apply: {jobs: {apply: {stepsEnabled: [apply]}}}",
                        "    plan-only: {jobs: {plan: {stepsEnabled: [plan]}}}");
    }

    /** go-orun-plan.md §1.1 and §7 (ownership): {@code catalog.discovery.exclude} names are ignore-dirs for change detection. */
    @Test
    void catalogDiscoveryExcludeNamesDirectoriesWhoseChangesSelectNothing() {
        GitRepo repo = GitRepo.init(dir);
        GoWorkspace.withShellSteps(dir, "- name: show", "  run: echo hi").intent(
                "discovery: {roots: [services]}",
                "catalog: {discovery: {exclude: [generated]}}",
                "environments: {dev: {selectors: {components: [\"*\"]}}}");
        component(repo, "api");
        component(repo, "web");
        String base = repo.commitAll("base").head();
        repo.write("services/web/generated/client.ts", "// regenerated\n");
        repo.write("services/api/main.go", "package main\n");
        String head = repo.commitAll("change both").head();

        CompiledPlan plan = GoWorkspace.empty(dir).compile(new PlanRequest(List.of(), List.of(), true, null, null,
                new dev.orun.plan.changes.ChangeRequest(true, base, head, List.of(), false, false, false)));

        assertThat(plan.plan().jobs()).extracting(Job::id).containsExactly("api@dev.run");
    }
}
