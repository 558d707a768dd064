package dev.orun.plan.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.plan.Step;
import dev.orun.core.plan.StepApproval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 12 — {@code workflow:} steps are planned as the Go planner plans them:
 * go-orun-plan.md §3.3 (step fields: exactly one of run/use/workflow; connections, resume and
 * approval on workflow steps), §3.8 (workflow and every connections value rendered,
 * {@code ${{ steps.<id>.outputs.<name> }}} kept verbatim) and §5.1 (PlanStep workflow,
 * workflowDigest, connections, resume, approval{prompt, timeout, onTimeout}).
 */
class WorkflowStepTest {

    private static final String WORKFLOW = "kind: Workflow\nname: notify\nsteps: []\n";

    @TempDir
    Path dir;

    private GoWorkspace workspace(String... stepLines) {
        try {
            Files.createDirectories(dir.resolve("flows"));
            Files.writeString(dir.resolve("flows/notify-dev.yaml"), WORKFLOW);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return GoWorkspace.withShellSteps(dir, stepLines)
                .intent("environments: {dev: {selectors: {components: [\"*\"]}}}",
                        "components:", "  - {name: api, type: shell, parameters: {channel: ops}}");
    }

    @Test
    void aWorkflowStepCompilesToTheGoPlannersFieldsWithItsFilePinnedByDigest() throws Exception {
        GoWorkspace ws = workspace(
                "- name: build",
                "  id: build",
                "  run: echo built",
                "- name: notify",
                "  workflow: flows/notify-{{ .orun.environment.name }}.yaml",
                "  connections:",
                "    chat: \"{{ .parameters.channel }}\"",
                "    artifact: \"${{ steps.build.outputs.image }}\"",
                "  resume: true",
                "  timeout: 10m",
                "  approval: {prompt: \"Ship {{ .orun.component.name }}?\", timeout: 1h, onTimeout: proceed}");

        Plan plan = ws.compile().plan();
        Step step = plan.job("api@dev.run").orElseThrow().steps().get(1);

        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(WORKFLOW.getBytes(StandardCharsets.UTF_8)));
        assertThat(step.id()).isEqualTo("notify");
        assertThat(step.workflow()).isEqualTo("flows/notify-dev.yaml");
        assertThat(step.workflowDigest()).isEqualTo(digest);
        assertThat(step.connections()).isEqualTo(Map.of("chat", "ops", "artifact", "${{ steps.build.outputs.image }}"));
        assertThat(step.resume()).isTrue();
        assertThat(step.timeout()).isEqualTo("10m");
        // §3.8: only workflow and connections are rendered, not the approval prompt
        assertThat(step.approval()).isEqualTo(new StepApproval("Ship {{ .orun.component.name }}?", "1h", "proceed"));
        assertThat(step.run()).isNull();
        assertThat(step.use()).isNull();
        // §5.1/§5.2: PlanStep field order; connections keys sorted; approval's timeout/onTimeout always written
        assertThat(compact(PlanJson.toJson(plan))).contains(compact("""
                "name": "notify", "phase": "main",
                "workflow": "flows/notify-dev.yaml", "workflowDigest": "%s",
                "connections": {"artifact": "${{ steps.build.outputs.image }}", "chat": "ops"},
                "timeout": "10m", "resume": true,
                "approval": {"prompt": "Ship {{ .orun.component.name }}?", "timeout": "1h", "onTimeout": "proceed"}
                """.formatted(digest)));
        assertThat(PlanJson.parse(PlanJson.toBytes(plan), dir.resolve("plan.json"))).as("round trip").isEqualTo(plan);
        assertThat(PlanJson.toJson(ws.compile().plan())).as("byte-deterministic").isEqualTo(PlanJson.toJson(plan));
    }

    private static String compact(String json) {
        return json.replaceAll("\\s+", "");
    }

    @Test
    void changingTheWorkflowFileChangesItsPinnedDigest() throws Exception {
        GoWorkspace ws = workspace("- name: notify", "  workflow: flows/notify-dev.yaml");
        String before = ws.compile().plan().job("api@dev.run").orElseThrow().steps().get(0).workflowDigest();

        Files.writeString(dir.resolve("flows/notify-dev.yaml"), WORKFLOW + "# edited\n");

        assertThat(ws.compile().plan().job("api@dev.run").orElseThrow().steps().get(0).workflowDigest())
                .startsWith("sha256:").isNotEqualTo(before);
    }

    @Test
    void aStepWithMoreThanOneOfRunUseAndWorkflowIsAnErrorNamingFileAndLine() {
        GoWorkspace ws = workspace("- name: notify", "  run: echo hi", "  workflow: flows/notify-dev.yaml");

        assertThat(ws.error()).startsWith("stack/shell/compositions.yaml:11:")
                .contains("exactly one of \"run\", \"use\" or \"workflow\"").doesNotContain("\n");
    }

    @Test
    void aWorkflowFileThatDoesNotExistIsAnErrorNamingFileAndLine() {
        GoWorkspace ws = workspace("- name: notify", "  workflow: flows/missing.yaml");

        assertThat(ws.error()).startsWith("stack/shell/compositions.yaml:11:")
                .contains("workflow file flows/missing.yaml does not exist").doesNotContain("\n");
    }

    @Test
    void workflowOnlyFieldsOnARunStepAreWarnedAboutNotDropped() {
        GoWorkspace ws = workspace("- name: build", "  run: echo hi", "  resume: true");

        assertThat(ws.warnings()).anySatisfy(w -> assertThat(w)
                .contains("compositions.yaml:13").contains("\"resume\" only applies to a \"workflow\" step"));
    }
}
