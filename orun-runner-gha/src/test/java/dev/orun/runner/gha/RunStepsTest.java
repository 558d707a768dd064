package dev.orun.runner.gha;

import static dev.orun.runner.gha.JobHarness.job;
import static dev.orun.runner.gha.JobHarness.run;
import static dev.orun.runner.gha.JobHarness.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.runner.StepResult;
import dev.orun.core.state.Status;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run:} steps on the github-actions runner, as real shell processes. */
class RunStepsTest {

    @TempDir
    Path workspace;
    @TempDir
    Path cache;

    @Test
    void outputsEnvironmentAndPathFlowToLaterStepsThroughTheFileCommands() throws Exception {
        JobHarness h = new JobHarness(workspace, cache).runJob(job(
                run("produce", """
                        echo "version=1.2.3" >> "$GITHUB_OUTPUT"
                        { echo 'notes<<EOF'; echo 'line one'; echo 'line two'; echo 'EOF'; } >> "$GITHUB_OUTPUT"
                        echo "GREETING=hello" >> "$GITHUB_ENV"
                        mkdir -p "$RUNNER_TEMP/bin" && printf '#!/bin/sh\\necho tool-ran\\n' > "$RUNNER_TEMP/bin/mytool"
                        chmod +x "$RUNNER_TEMP/bin/mytool" && echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"
                        """),
                run("consume", """
                        echo "v=${{ steps.produce.outputs.version }} g=$GREETING job=$JOB_VAR"
                        echo "notes=${{ steps.produce.outputs.notes }}"
                        mytool
                        echo "region=${{ matrix.region }} ci=$CI gha=$GITHUB_ACTIONS home=$HOME"
                        """)));
        assertThat(h.results.get("produce").outputs())
                .containsEntry("version", "1.2.3").containsEntry("notes", "line one\nline two");
        assertThat(h.results.get("consume").succeeded()).isTrue();
        assertThat(h.output.get("consume")).contains("v=1.2.3 g=hello job=from-job")
                .contains("notes=line one\nline two").contains("tool-ran")
                .contains("region=eu-west-1 ci=true gha=true home=/")
                .doesNotContain("home=" + System.getProperty("user.home") + "\n");
    }

    @Test
    void needsReportsEachDependencysRecordedResultAndOutputs() throws Exception {
        JobHarness h = new JobHarness(workspace, cache);
        h.dependencyOutputs.put("api@dev.build", Map.of("url", "http://api"));
        h.dependencyOutputs.put("db@dev.migrate", Map.of());
        h.dependencyStatuses.put("api@dev.build", Status.SUCCEEDED);
        h.dependencyStatuses.put("db@dev.migrate", Status.FAILED);
        h.dependencyStatuses.put("cdn@dev.sync", Status.SKIPPED);
        h.runJob(JobHarness.dependingOn(job(run("report", """
                echo "api=${{ needs['api@dev.build'].result }} url=${{ needs['api@dev.build'].outputs.url }}"
                echo "db=${{ needs['db@dev.migrate'].result }} cdn=${{ needs['cdn@dev.sync'].result }}"
                echo "any-failed=${{ contains(needs.*.result, 'failure') }}"
                """)), "api@dev.build", "db@dev.migrate", "cdn@dev.sync"));
        assertThat(h.output.get("report")).isEqualTo("api=success url=http://api\n"
                + "db=failure cdn=skipped\nany-failed=true\n");
    }

    @Test
    void theDefaultShellStopsAtTheFirstFailingCommandAndPipefailCounts() throws Exception {
        JobHarness h = new JobHarness(workspace, cache).runJob(job(
                run("strict", "false | true\necho not-reached")));
        assertThat(h.results.get("strict").exitCode()).isEqualTo(1);
        assertThat(h.output.get("strict")).doesNotContain("not-reached");
    }

    @Test
    void ifConditionsAndContinueOnErrorAreHonouredOnPlanSteps() throws Exception {
        JobHarness h = new JobHarness(workspace, cache).runJob(job(
                when(run("skipped", "echo should-not-run"), "github.event_name == 'push'", false),
                when(run("tolerated", "exit 3"), null, true),
                run("after", "echo after-tolerated"),
                run("breaks", "exit 4"),
                run("not-sent", "echo never"),
                when(run("on-failure", "echo cleaning-up"), "${{ failure() }}", false),
                when(run("on-success", "echo nope"), "success()", false)));
        assertThat(h.results.get("skipped").skipped()).isTrue();
        assertThat(h.output.get("skipped")).isEmpty();
        assertThat(h.results.get("tolerated").exitCode()).isEqualTo(3);
        assertThat(h.output.get("after")).contains("after-tolerated");
        assertThat(h.results).doesNotContainKey("not-sent");
        assertThat(h.output.get("on-failure")).contains("cleaning-up");
        assertThat(h.results.get("on-success").skipped()).isTrue();
    }

    @Test
    void anExpressionErrorFailsTheStepNamingTheExpressionAndTheReason() throws Exception {
        JobHarness h = new JobHarness(workspace, cache).runJob(job(
                run("bad", "echo ${{ steps.x.outputs.y == }}")));
        StepResult bad = h.results.get("bad");
        assertThat(bad.succeeded()).isFalse();
        assertThat(bad.error()).contains("${{ steps.x.outputs.y == }}")
                .contains("unexpected end of expression");
    }

    @Test
    void workflowCommandsBecomeAnnotationsOutputsAndGroupsAndTheSummaryIsKept() throws Exception {
        JobHarness h = new JobHarness(workspace, cache).runJob(job(
                run("commands", """
                        echo "::group::Compile"
                        echo "inside"
                        echo "::endgroup::"
                        echo "::warning file=src/app.c,line=12,title=Careful::deprecated call"
                        echo "::set-output name=legacy::old-style"
                        echo "::debug::hidden"
                        echo "::stop-commands::pause-token"
                        echo "::warning::not a command while stopped"
                        echo "::pause-token::"
                        echo '### Build report' >> "$GITHUB_STEP_SUMMARY"
                        """)));
        StepResult result = h.results.get("commands");
        assertThat(result.outputs()).containsEntry("legacy", "old-style");
        assertThat(result.annotations()).singleElement().satisfies(a -> {
            assertThat(a.level()).isEqualTo("warning");
            assertThat(a.file()).isEqualTo("src/app.c");
            assertThat(a.line()).isEqualTo(12);
            assertThat(a.message()).isEqualTo("deprecated call");
        });
        assertThat(result.summary()).isEqualTo("### Build report\n");
        assertThat(h.output.get("commands")).contains("▸ Compile\n  inside\n")
                .contains("warning: deprecated call (src/app.c:12)")
                .contains("::warning::not a command while stopped")
                .doesNotContain("hidden").doesNotContain("set-output");
    }

    @Test
    void addMaskHidesTheValueFromLaterOutputsAndStepOutputs() throws Exception {
        JobHarness h = new JobHarness(workspace, cache).runJob(job(
                run("secret", """
                        echo "before: s3cr3t-value"
                        echo "::add-mask::s3cr3t-value"
                        echo "after: s3cr3t-value"
                        echo "token=s3cr3t-value" >> "$GITHUB_OUTPUT"
                        """),
                run("later", "echo \"again: ${{ steps.secret.outputs.token }}\"")));
        assertThat(h.masker.mask("after: s3cr3t-value")).isEqualTo("after: ***");
        assertThat(h.results.get("secret").outputs()).containsEntry("token", "***");
        // the runner hands raw lines to the engine's sink, which applies the job's masker
        assertThat(h.masker.mask(h.output.get("later"))).isEqualTo("again: ***\n");
        assertThat(h.output.get("secret")).doesNotContain("add-mask");
    }

    @Test
    void nestedInGithubActionsEachStepIsGroupedAndFencedSoTheOuterRunnerIgnoresItsCommands()
            throws Exception {
        JobHarness h = new JobHarness(workspace, cache);
        h.host.put("GITHUB_ACTIONS", "true");
        h.runJob(job(run("inner", "echo '::unknown-command::would reach the outer runner'")));
        String out = h.output.get("inner");
        java.util.regex.Matcher fence = java.util.regex.Pattern
                .compile("::stop-commands::(orun-[0-9a-f]{32})\n").matcher(out);
        assertThat(fence.find()).as(out).isTrue();
        String token = fence.group(1);
        assertThat(out).isEqualTo("::group::app@dev.build › inner\n::stop-commands::" + token
                + "\n::unknown-command::would reach the outer runner\n::" + token
                + "::\n::endgroup::\n");
    }
}
