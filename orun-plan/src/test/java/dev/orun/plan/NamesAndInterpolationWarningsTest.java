package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the original tool accepted but is risky compiles as before and is warned about: names
 * outside the safe set, and {@code {{…}}} spans that parameter and env values silently lose.
 */
class NamesAndInterpolationWarningsTest {

    @TempDir
    Path dir;

    Path api;
    Path intent;

    @BeforeEach
    void demo() {
        Fixtures.copy("demo", dir);
        api = dir.resolve("services/api/component.yaml");
        intent = dir.resolve("intent.yaml");
    }

    private CompiledPlan compile() {
        return new Planner(Workspace.discover(dir, null)).compile(PlanRequest.full());
    }

    private static List<String> lines(CompiledPlan compiled) {
        return compiled.warnings().stream().map(PlanWarning::toString).toList();
    }

    @Test
    void namesOutsideTheSafeSetCompileWithAWarningThatSaysHowToQuoteThem() {
        Fixtures.replace(api, "metadata: {name: api}", "metadata: {name: \"$(touch x)\"}");
        Fixtures.replace(intent, "  prod:\n", "  \"stäging\": {}\n  prod:\n");
        Fixtures.replace(dir.resolve("stack/compositions/shell/compositions.yaml"), "    - name: run", "    - name: run it");
        Fixtures.replace(dir.resolve("stack/compositions/shell/compositions.yaml"), "defaultJob: run", "defaultJob: run it");

        CompiledPlan compiled = compile();

        assertThat(compiled.plan().jobs()).extracting(j -> j.id())
                .contains("$(touch x)@dev.run it", "db@prod.run it");
        assertThat(lines(compiled)).contains(
                "services/api/component.yaml:3: warning: component name \"$(touch x)\" is outside the safe set "
                        + "(letters, digits, '_', then also '.' and '-'): a step that uses it unquoted hands it to the "
                        + "shell; write {{ .orun.component.name | shellquote }} or \"$ORUN_COMPONENT\"",
                "intent.yaml:10: warning: environment name \"stäging\" is outside the safe set (letters, digits, '_', "
                        + "then also '.' and '-'): a step that uses it unquoted hands it to the shell; write "
                        + "{{ .orun.environment.name | shellquote }} or \"$ORUN_ENVIRONMENT\"",
                "stack/compositions/shell/compositions.yaml:15: warning: job name \"run it\" is outside the safe set "
                        + "(letters, digits, '_', then also '.' and '-'): a step that uses it unquoted hands it to the "
                        + "shell; write {{ .orun.job.name | shellquote }} or \"$ORUN_JOB_ID\"");
    }

    @Test
    void safeNamesGiveNoWarning() {
        assertThat(compile().warnings()).isEmpty();
    }

    @Test
    void aTemplateSpanInAParameterIsRemovedAsBeforeAndWarnedAboutAtItsLine() {
        Fixtures.replace(api, "parameters: {message: api}",
                "parameters: {message: \"{{.orun.component.name}} on {{ .environment }}\"}");
        Fixtures.replace(intent, "env: {TEAM: core}", "env: {TEAM: \"core{{.team}}\", RUNTIME: \"${{ env.X }}\"}");

        CompiledPlan compiled = compile();

        Plan plan = compiled.plan();
        assertThat(plan.jobs().get(0).parameters()).containsEntry("message", "on dev");
        assertThat(plan.jobs().get(0).env()).containsEntry("TEAM", "core").containsEntry("RUNTIME", "${{ env.X }}");
        assertThat(lines(compiled)).containsExactly(
                "intent.yaml:4: warning: env \"TEAM\": {{.team}} is removed (parameter, env and path values substitute "
                        + "only {{.environment}}, {{.group}} and {{.component}}; the step templates see .orun, "
                        + ".parameters and .env)",
                "services/api/component.yaml:10: warning: parameter \"message\": {{.orun.component.name}} is removed "
                        + "(parameter, env and path values substitute only {{.environment}}, {{.group}} and "
                        + "{{.component}}; the step templates see .orun, .parameters and .env)");
    }
}
