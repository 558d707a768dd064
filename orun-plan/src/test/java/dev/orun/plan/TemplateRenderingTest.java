package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.Step;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps are rendered through the Go-template engine with the documented data. */
class TemplateRenderingTest {

    @TempDir
    Path dir;

    Path composition;

    @BeforeEach
    void demo() {
        Fixtures.copy("demo", dir);
        composition = dir.resolve("stack/compositions/shell/compositions.yaml");
    }

    private Step greet(String jobId) {
        Plan plan = Fixtures.compile(dir, PlanRequest.full());
        return plan.job(jobId).orElseThrow().steps().stream()
                .filter(s -> s.id().equals("greet")).findFirst().orElseThrow();
    }

    private void setGreet(String yaml) {
        Fixtures.replace(composition,
                "run: 'echo \"{{.parameters.greeting}} from {{.orun.job.id}}: {{.parameters.message}}\"' ", yaml);
    }

    @Test
    void exposesComponentEnvironmentCompositionProfileAndJob() {
        setGreet("run: echo {{.orun.component.name}} {{.orun.component.type}} {{.orun.environment.name}}"
                + " {{.orun.composition.type}} [{{.orun.profile.name}}] {{.orun.job.id}} {{.orun.job.name}} {{.env.TEAM}}");

        assertThat(greet("api@prod.run").run()).isEqualTo("echo api shell prod shell [] api@prod.run run core");
    }

    @Test
    void ifElseChoosesByParameterValue() {
        setGreet("run: echo {{if eq .orun.environment.name \"prod\"}}careful{{else}}relaxed{{end}}");

        assertThat(greet("api@prod.run").run()).isEqualTo("echo careful");
        assertThat(greet("api@dev.run").run()).isEqualTo("echo relaxed");
    }

    @Test
    void aMissingKeyInsideIfIsFalse() {
        setGreet("run: echo {{if .parameters.nope}}set{{else}}unset{{end}}");

        assertThat(greet("db@dev.run").run()).isEqualTo("echo unset");
    }

    @Test
    void printingAMissingKeyIsACompileErrorNamingComponentJobStepAndKey() {
        setGreet("run: echo {{.parameters.nope}}");

        assertThatThrownBy(() -> Fixtures.compile(dir, PlanRequest.full()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("stack/compositions/shell/compositions.yaml:18: component api, job api@dev.run, step greet:")
                .hasMessageContaining("parameters.nope");
    }

    @Test
    void runTimeExpressionsAreLeftUntouched() {
        setGreet("run: echo ${{ steps.build.outputs.tag }} ${{ env.HOME }} {{.parameters.message}}");

        assertThat(greet("db@dev.run").run()).isEqualTo("echo ${{ steps.build.outputs.tag }} ${{ env.HOME }} db on dev");
    }

    @Test
    void withAndEnvStringValuesAreRenderedToo() {
        setGreet("run: echo hi\n          with: {target: \"{{.orun.environment.name}}\", count: 3}\n"
                + "          env: {WHO: \"{{.parameters.message}}\"}");

        Step step = greet("api@dev.run");
        assertThat(step.with()).containsEntry("target", "dev").containsEntry("count", 3L);
        assertThat(step.env()).containsEntry("WHO", "api");
    }
}
