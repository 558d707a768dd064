package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input: one line naming the file (and line), exit code 2, nothing written. */
class BadInputTest {

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

    private AbstractThrowableAssert<?, ? extends Throwable> compiling() {
        AbstractThrowableAssert<?, ? extends Throwable> result = assertThatThrownBy(
                () -> new Planner(Workspace.discover(dir, null)).validate())
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    assertThat(((InvalidInputException) e).exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
        assertThat(Files.exists(dir.resolve(".orun"))).isFalse();
        return result;
    }

    @Test
    void malformedYaml() {
        Fixtures.replace(api, "  parameters: {message: api}", "  parameters: {message: api\n  oops: [");

        compiling().hasMessageStartingWith("services/api/component.yaml:").hasMessageContaining("invalid YAML");
    }

    @Test
    void duplicateKeys() {
        Fixtures.replace(api, "  type: shell", "  type: shell\n  type: shell");

        compiling().hasMessage("services/api/component.yaml:6: duplicate key \"type\"");
    }

    @Test
    void unknownComponentType() {
        Fixtures.replace(api, "type: shell", "type: shel");

        compiling().hasMessage("services/api/component.yaml:5: component \"api\" has unknown type \"shel\" (known types: shell)");
    }

    @Test
    void componentViolatingTheCompositionSchema() {
        Fixtures.replace(api, "parameters: {message: api}", "parameters: {greeting: hi}");

        compiling().hasMessageStartingWith("services/api/component.yaml:3: component \"api\" does not match the parameter "
                        + "schema of composition shell (stack/compositions/shell/compositions.yaml): ")
                .hasMessageContaining("$.parameters")
                .hasMessageContaining("message");
    }

    @Test
    void dependencyCycleShowsTheCycle() {
        Fixtures.replace(intent, "    parameters: {message: \"db on {{.environment}}\"}",
                "    parameters: {message: \"db on {{.environment}}\"}\n    dependsOn: [api]");

        compiling().hasMessage("intent.yaml:18: dependency cycle: api@dev.run → db@dev.run → api@dev.run");
    }

    @Test
    void aCycleIsReportedAtTheDeclarationThatClosesItInWhicheverFileThatIs() {
        Fixtures.write(dir.resolve("services/web/component.yaml"), "kind: Component\nmetadata: {name: web}\nspec:\n"
                + "  type: shell\n  subscribe: {environments: [dev]}\n  parameters: {message: web}\n"
                + "  dependsOn: [{component: api}]\n");
        Fixtures.replace(intent, "    parameters: {message: \"db on {{.environment}}\"}",
                "    parameters: {message: \"db on {{.environment}}\"}\n    dependsOn: [web]");

        compiling().hasMessage("services/web/component.yaml:7: dependency cycle: "
                + "api@dev.run → db@dev.run → web@dev.run → api@dev.run");
    }

    @Test
    void aPromotionThatClosesACycleIsReportedAtThePromotion() {
        Fixtures.replace(intent, "  dev:  {parameterDefaults: {\"*\": {greeting: hello}}}",
                "  dev:\n    parameterDefaults: {\"*\": {greeting: hello}}\n    promotion: {dependsOn: [prod]}");

        compiling().hasMessage("intent.yaml:14: promotion dependency cycle detected: dev → prod → dev");
    }

    @Test
    void duplicateComponentNames() {
        Fixtures.write(dir.resolve("services/other/component.yaml"),
                "kind: Component\nmetadata:\n  name: db\nspec: {type: shell, parameters: {message: x}}\n");

        compiling().hasMessage("services/other/component.yaml:3: duplicate component name \"db\" (also declared in intent.yaml:14)");
    }

    @Test
    void templatePrintingAMissingParameter() {
        Fixtures.replace(dir.resolve("stack/compositions/shell/compositions.yaml"), "echo preparing in $PWD",
                "echo {{.parameters.region}}");

        compiling().hasMessageStartingWith("stack/compositions/shell/compositions.yaml:20: component api, job api@dev.run, "
                + "step prepare: run: ").hasMessageContaining("parameters.region");
    }

    @Test
    void anUnclosedActionInAStepSaysSoWithFileAndLine() {
        Fixtures.replace(dir.resolve("stack/compositions/shell/compositions.yaml"), "{{.parameters.greeting}}",
                "{{.parameters.greeting");

        compiling().hasMessage("stack/compositions/shell/compositions.yaml:18: component api, job api@dev.run, "
                + "step greet: run: line 1, column 7: unclosed action: missing \"}}\"");
    }

    @Test
    void componentNameContainingAt() {
        Fixtures.replace(api, "metadata: {name: api}", "metadata: {name: api@v2}");

        compiling().hasMessage("services/api/component.yaml:3: component name \"api@v2\" must not contain '@'");
    }

    @Test
    void aComponentNameWithANewlineIsRefused() {
        Fixtures.replace(api, "metadata: {name: api}", "metadata: {name: \"api\\nrm -rf x\"}");

        compiling().hasMessage("services/api/component.yaml:3: component name \"api\\nrm -rf x\" must not contain "
                + "control characters (newline, tab, …)");
    }

    @Test
    void environmentAndJobNamesWithControlCharactersAreRefused() {
        Fixtures.replace(intent, "  dev:  {", "  \"dev\\tx\":  {");
        compiling().hasMessage("intent.yaml:9: environment name \"dev\\tx\" must not contain control characters "
                + "(newline, tab, …)");

        Fixtures.replace(intent, "  \"dev\\tx\":  {", "  dev:  {");
        Fixtures.replace(dir.resolve("stack/compositions/shell/compositions.yaml"), "    - name: run",
                "    - name: \"run\\n\"");
        compiling().hasMessage("stack/compositions/shell/compositions.yaml:15: job name \"run\\n\" must not contain "
                + "control characters (newline, tab, …)");
    }

    @Test
    void environmentNameContainingDot() {
        Fixtures.replace(intent, "  dev:  {", "  dev.eu:  {");

        compiling().hasMessage("intent.yaml:9: environment name \"dev.eu\" must not contain '.'");
    }

    @Test
    void compositionDirectoryThatDoesNotExist() {
        Fixtures.replace(intent, "path: ./stack", "path: ./stacks");

        compiling().hasMessage("intent.yaml:6: composition source \"local\": directory ./stacks does not exist");
    }

    @Test
    void componentManifestOfTheWrongKind() {
        Fixtures.replace(api, "kind: Component", "kind: Componnet");

        compiling().hasMessage("services/api/component.yaml:1: expected kind: Component, found \"Componnet\"");
    }

    @Test
    void reservedEnvKeys() {
        Fixtures.replace(intent, "env: {TEAM: core}", "env: {ORUN_JOB_ID: x}");

        compiling().hasMessage("intent.yaml:4: env key \"ORUN_JOB_ID\" is reserved (ORUN_ variables are set by orun)");
    }

    @Test
    void unknownProfile() {
        Fixtures.replace(api, "      - dev", "      - {name: dev, profile: fast}");
        Fixtures.replace(dir.resolve("stack/compositions/shell/compositions.yaml"), "  defaultJob: run",
                "  defaultJob: run\n  defaultProfile: full\n  executionProfiles:\n    full: {jobs: {run: {}}}");

        compiling().hasMessage("services/api/component.yaml:8: profile \"fast\" not found in composition shell (profiles: full)");
    }

    @Test
    void schemaReferencesOutsideTheSchemaAreRefused() {
        Fixtures.replace(dir.resolve("stack/compositions/shell/compositions.yaml"), "        required: [message]",
                "        required: [message]\n        properties:\n          message: {$ref: \"http://example.com/s.json\"}");

        compiling().hasMessage("stack/compositions/shell/compositions.yaml: parameterSchema of composition shell refers to "
                + "\"http://example.com/s.json\"; only local references (#/...) are allowed");
    }
}
