package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every value the engine parses when a job runs — timeouts, retry counts, phases, onFailure,
 * shells, working directories — is parsed when the plan is compiled, by the engine's own parsers:
 * a bad value is exit 2 with the file and line before anything runs, not a failed job afterwards.
 */
class RunTimeValuesTest {

    @TempDir
    Path dir;

    Path composition;

    @BeforeEach
    void demo() {
        Fixtures.copy("demo", dir);
        composition = dir.resolve("stack/compositions/shell/compositions.yaml");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> compiling() {
        AbstractThrowableAssert<?, ? extends Throwable> result = assertThatThrownBy(
                () -> new Planner(Workspace.discover(dir, null)).validate())
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).exitCode()).isEqualTo(2));
        assertThat(dir.resolve(".orun")).doesNotExist();
        return result;
    }

    private Plan plan() {
        return Fixtures.compile(dir, PlanRequest.full());
    }

    @Test
    void aJobTimeoutInWordsIsRefusedAtItsLine() {
        Fixtures.replace(composition, "timeout: 5m", "timeout: 5 minutes");

        compiling().hasMessage("stack/compositions/shell/compositions.yaml:16: timeout: invalid duration "
                + "\"5 minutes\" (expected a number and a unit, e.g. 90s, 10m, 1h30m)");
    }

    @Test
    void aStepTimeoutOfZeroIsRefused() {
        Fixtures.replace(composition, "          phase: pre", "          phase: pre\n          timeout: 0s");

        compiling().hasMessage("stack/compositions/shell/compositions.yaml:22: timeout: invalid duration "
                + "\"0s\" (must be longer than zero)");
    }

    @Test
    void goDurationFormsAreAccepted() {
        Fixtures.replace(composition, "timeout: 5m", "timeout: 1h30m");
        Fixtures.replace(composition, "          phase: pre", "          phase: pre\n          timeout: 1.5s");

        Job job = plan().jobs().get(0);
        assertThat(job.timeout()).isEqualTo("1h30m");
        assertThat(job.steps().get(0).timeout()).isEqualTo("1.5s");
    }

    @Test
    void negativeRetryCountsAreRefused() {
        Fixtures.replace(composition, "timeout: 5m", "timeout: 5m\n      retries: -1");
        compiling().hasMessage("stack/compositions/shell/compositions.yaml:17: \"retries\" must be 0 or more, not -1");

        Fixtures.replace(composition, "      retries: -1", "      retries: 1");
        Fixtures.replace(composition, "          phase: pre", "          phase: pre\n          retry: -2");
        compiling().hasMessage("stack/compositions/shell/compositions.yaml:23: \"retry\" must be 0 or more, not -2");
    }

    @Test
    void aMisspelledPhaseIsRefusedAtItsLine() {
        Fixtures.replace(composition, "phase: pre", "phase: preflight");

        compiling().hasMessage("stack/compositions/shell/compositions.yaml:21: invalid step phase \"preflight\" "
                + "(expected pre, main or post)");
    }

    @Test
    void onFailureAcceptsWhatTheEngineAcceptsAndNothingElse() {
        Fixtures.replace(composition, "          phase: pre", "          phase: pre\n          onFailure: Continue");
        assertThat(plan().jobs().get(0).steps().get(0).continuesOnFailure()).isTrue();

        Fixtures.replace(composition, "onFailure: Continue", "onFailure: ignore");
        compiling().hasMessage("stack/compositions/shell/compositions.yaml:22: invalid onFailure \"ignore\" "
                + "(expected stop or continue)");
    }

    @Test
    void anUnknownShellIsRefusedAtItsLine() {
        Fixtures.replace(composition, "          phase: pre", "          phase: pre\n          shell: fish");

        compiling().hasMessage("stack/compositions/shell/compositions.yaml:22: unsupported shell \"fish\" "
                + "(known: sh, bash, python, python3, or a command with {0} for the script file)");
    }

    @Test
    void aShellTemplateIsCheckedOnceRendered() {
        Fixtures.replace(composition, "          phase: pre", "          phase: pre\n          shell: '{{.parameters.message}}'");

        compiling().hasMessageStartingWith("stack/compositions/shell/compositions.yaml:20: component ")
                .hasMessageContaining("step prepare: shell: unsupported shell \"");
    }

    @Test
    void knownShellsAndCommandTemplatesAreAccepted() {
        Fixtures.replace(composition, "          phase: pre", "          phase: pre\n          shell: perl {0}");
        assertThat(plan().jobs().get(0).steps().get(0).shell()).isEqualTo("perl {0}");

        Fixtures.replace(composition, "shell: perl {0}", "shell: bash");
        assertThat(plan().jobs().get(0).steps().get(0).shell()).isEqualTo("bash");
    }

    @Test
    void aWorkingDirectoryTheEngineCannotUseIsRefused() {
        Fixtures.replace(composition, "          phase: pre", "          phase: pre\n          working-directory: \"a\\0b\"");

        compiling().hasMessageStartingWith("stack/compositions/shell/compositions.yaml:20: component ")
                .hasMessageContaining("step prepare: working-directory: ");
    }

    @Test
    void envNamesNoProcessCanHoldAreRefusedAtTheirLine() {
        Fixtures.replace(composition, "          phase: pre", "          phase: pre\n          env: {\"A=B\": x}");
        compiling().hasMessage("stack/compositions/shell/compositions.yaml:22: env key \"A=B\" cannot be an "
                + "environment variable name (it must not be empty or contain '=' or NUL)");

        Fixtures.replace(composition, "env: {\"A=B\": x}", "env: {A: x}");
        Fixtures.replace(dir.resolve("intent.yaml"), "env: {TEAM: core}", "env: {TEAM: \"co\\0re\"}");
        compiling().hasMessage("intent.yaml:4: env \"TEAM\" contains a NUL character, which no process environment "
                + "can hold");
    }
}
