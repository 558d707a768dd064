package dev.orun.plan.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.plan.Job;
import dev.orun.plan.CompiledPlan;
import dev.orun.plan.PlanRequest;
import dev.orun.plan.TriggerRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 13 — go-orun-plan.md §1.4: {@code --trigger NAME} and {@code --from-ci github
 * --event-file F} choose the environments whose {@code activation.triggerRefs} name the matching
 * bindings; {@code --env} intersects them; an event no binding matches plans nothing.
 */
class TriggerSelectionTest {

    @TempDir
    Path dir;

    GoWorkspace ws;

    @BeforeEach
    void workspace() {
        ws = GoWorkspace.withShellSteps(dir, "- name: show", "  run: echo hi").intent(
                "automation:",
                "  triggerBindings:",
                "    github-pull-request:",
                "      on: {provider: github, event: pull_request, actions: [opened, synchronize], baseBranches: [main]}",
                "      plan: {scope: changed}",
                "    github-push-main:",
                "      on: {provider: github, event: push, branches: [main]}",
                "    github-tag-release:",
                "      on: {provider: github, event: push, tags: [\"v*\"]}",
                "environments:",
                "  preview: {selectors: {components: [\"*\"]}, activation: {triggerRefs: [github-pull-request]}}",
                "  staging: {selectors: {components: [\"*\"]}, activation: {triggerRefs: [github-push-main]}}",
                "  production:",
                "    selectors: {components: [\"*\"]}",
                "    activation: {triggerRefs: [github-push-main, github-tag-release]}",
                "components:", "  - {name: api, type: shell}");
    }

    private CompiledPlan plan(TriggerRequest trigger, String... envs) {
        return ws.compile(new PlanRequest(List.of(envs), List.of(), true, null, null, null).withTrigger(trigger));
    }

    private Path event(String json) throws IOException {
        return Files.writeString(dir.resolve("event.json"), json);
    }

    @Test
    void aNamedTriggerActivatesTheEnvironmentsThatReferenceIt() {
        CompiledPlan plan = plan(TriggerRequest.named("github-push-main"));

        assertThat(plan.plan().jobs()).extracting(Job::id).containsExactly("api@production.run", "api@staging.run");
        assertThat(plan.plan().metadata().scope().mode()).isEqualTo("scoped");
        assertThat(plan.notes()).contains("trigger: github-push-main → production, staging");
        assertThat(ws.warnings()).isEmpty();
    }

    @Test
    void envIntersectsTheActivatedEnvironments() {
        assertThat(plan(TriggerRequest.named("github-push-main"), "staging").plan().jobs())
                .extracting(Job::id).containsExactly("api@staging.run");
    }

    @Test
    void aPullRequestEventMatchesOnEventActionAndBaseBranch() throws IOException {
        // the binding's plan.scope is changed: the event's base..head must be real commits
        dev.orun.plan.changes.GitRepo repo = dev.orun.plan.changes.GitRepo.init(dir);
        String base = repo.commitAll("base").head();
        String head = repo.write("stack/shell/compositions.yaml", Files.readString(dir.resolve(
                "stack/shell/compositions.yaml")).replace("echo hi", "echo hello")).commitAll("edit shell").head();
        Path pr = Files.writeString(dir.resolveSibling(dir.getFileName() + "-event.json"),
                "{\"action\":\"opened\",\"pull_request\":{\"base\":{\"ref\":\"main\",\"sha\":\"" + base + "\"},"
                + "\"head\":{\"ref\":\"feature/x\",\"sha\":\"" + head + "\"}}}");

        CompiledPlan plan = plan(TriggerRequest.fromCi("github", pr, "pull_request"));

        assertThat(plan.plan().jobs()).extracting(Job::id).containsExactly("api@preview.run");
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("trigger: github-pull-request → preview"));
    }

    @Test
    void aTagPushMatchesTheTagGlobAndTheEventNameIsInferredFromThePayload() throws IOException {
        Path tag = event("{\"ref\":\"refs/tags/v1.2.0\",\"before\":\"a\",\"after\":\"b\"}");

        assertThat(plan(TriggerRequest.fromCi("github", tag, null)).plan().jobs()).extracting(Job::id)
                .containsExactly("api@production.run");
    }

    @Test
    void anEventNoBindingMatchesPlansNothing() throws IOException {
        Path closed = event("{\"action\":\"closed\",\"pull_request\":{\"base\":{\"ref\":\"main\"},\"head\":{\"ref\":\"x\"}}}");

        CompiledPlan plan = plan(TriggerRequest.fromCi("github", closed, "pull_request"));

        assertThat(plan.plan().jobs()).isEmpty();
        assertThat(plan.notes()).contains("trigger: the github event matches no trigger binding; nothing to plan");
    }

    @Test
    void anUnknownTriggerNamesTheBindings() {
        assertThatThrownBy(() -> ws.compile(PlanRequest.full().withTrigger(TriggerRequest.named("nightly"))))
                .hasMessage("intent.yaml: unknown trigger \"nightly\" (trigger bindings: github-pull-request, "
                        + "github-push-main, github-tag-release)");
    }
}
