package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typos in intent, component and composition YAML warn once per key with file:line and a
 * suggestion from the known keys; the Go planner tolerates unknown fields, so they never fail a
 * plan (go-orun-plan.md §0.1: "Unknown fields are silently ignored everywhere").
 */
class UnknownKeysTest {

    @TempDir
    Path dir;

    private List<String> warnings() {
        return new Planner(Workspace.discover(dir, null)).compile(PlanRequest.full()).warnings().stream()
                .map(PlanWarning::toString).toList();
    }

    @Test
    void theBundledExamplesAndFixturesHaveNoUnknownKeys() {
        for (String fixture : List.of("demo", "precedence", "profiles")) {
            Path copy = Fixtures.copy(fixture, dir.resolve(fixture));
            assertThat(new Planner(Workspace.discover(copy, null)).compile(PlanRequest.full()).warnings())
                    .as(fixture).isEmpty();
        }
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        assertThat(new Planner(Workspace.discover(examples, null)).compile(PlanRequest.full()).warnings()).isEmpty();
        // the GitHub-Actions example: its steps use if: (GitHub's step keys are known keys)
        Path gha = examples.resolve("gha");
        assertThat(new Planner(Workspace.discover(gha, null)).compile(PlanRequest.full()).warnings()).isEmpty();
    }

    @Test
    void aMisspelledDependsOnWarnsAtItsLineWithASuggestion() {
        Fixtures.copy("demo", dir);
        Fixtures.replace(dir.resolve("services/api/component.yaml"), "  dependsOn:", "  dependOn:");

        assertThat(warnings()).containsExactly("services/api/component.yaml:11: warning: unknown key "
                + "\"dependOn\" in component spec; did you mean \"dependsOn\"?");
    }

    @Test
    void typosInTheIntentAreReportedPerKeyInFileOrder() {
        Fixtures.copy("demo", dir);
        Fixtures.replace(dir.resolve("intent.yaml"), "\nenvironments:", "\nenviroments:\n  x: {}\nenvironments:");
        Fixtures.replace(dir.resolve("intent.yaml"), "    promotion: {dependsOn:", "    promotoin: {dependsOn:");
        Fixtures.replace(dir.resolve("intent.yaml"), "    parameters: {message:", "    parmeters: {x: 1}\n    parameters: {message:");

        assertThat(warnings()).containsExactly(
                "intent.yaml:8: warning: unknown key \"enviroments\" in intent.yaml; did you mean \"environments\"?",
                "intent.yaml:14: warning: unknown key \"promotoin\" in an environment; did you mean \"promotion\"?",
                "intent.yaml:19: warning: unknown key \"parmeters\" in component spec; did you mean \"parameters\"?");
    }

    @Test
    void compositionTyposInStepsJobsAndDocumentsWarnAndFarOffKeysHaveNoSuggestion() {
        Fixtures.copy("demo", dir);
        Path composition = dir.resolve("stack/compositions/shell/compositions.yaml");
        Fixtures.replace(composition, "          phase: pre", "          phse: pre");
        Fixtures.replace(composition, "      timeout: 5m", "      timout: 5m");
        Fixtures.replace(composition, "  defaultJob: run", "  defaultJob: run\n  colour: blue");

        assertThat(warnings()).containsExactly(
                "stack/compositions/shell/compositions.yaml:7: warning: unknown key \"colour\" in composition spec is ignored",
                "stack/compositions/shell/compositions.yaml:17: warning: unknown key \"timout\" in a composition job;"
                        + " did you mean \"timeout\"?",
                "stack/compositions/shell/compositions.yaml:22: warning: unknown key \"phse\" in a step;"
                        + " did you mean \"phase\"?");
    }

    @Test
    void catalogOnlyFieldsTheGoPlannerAlsoIgnoresAreNotTypos() {
        Fixtures.copy("demo", dir);
        Fixtures.replace(dir.resolve("services/api/component.yaml"), "spec:\n",
                "spec:\n  owner: team-a\n  system: shop\n  lifecycle: production\n  links: []\n");

        assertThat(warnings()).isEmpty();
    }

    @Test
    void aKeyIsReportedOnceEvenWhenItsDocumentIsReadForEveryEnvironment() {
        Fixtures.copy("demo", dir);
        Fixtures.replace(dir.resolve("stack/compositions/shell/compositions.yaml"), "        - name: greet",
                "        - name: greet\n          shel: sh");

        assertThat(warnings()).containsExactly("stack/compositions/shell/compositions.yaml:19: warning: "
                + "unknown key \"shel\" in a step; did you mean \"shell\"?");
    }
}
