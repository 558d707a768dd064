package dev.orun.plan.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanScope;
import dev.orun.plan.CompiledPlan;
import dev.orun.plan.PlanRequest;
import dev.orun.plan.Planner;
import dev.orun.plan.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiler with --changed: the plan holds only the selected components' jobs. */
class ChangedPlanTest {

    @TempDir
    Path root;
    GitRepo repo;

    @BeforeEach
    void featureBranch() {
        repo = Fixture.monorepo(root);
        repo.git("checkout", "-q", "-b", "feature");
    }

    private CompiledPlan compile(ChangeRequest changes, Path cwd) {
        Workspace ws = Workspace.discover(cwd, null);
        return new Planner(ws).compile(new PlanRequest(List.of(), List.of(), false, cwd, null, changes));
    }

    private static List<String> jobIds(Plan plan) {
        return plan.jobs().stream().map(Job::id).toList();
    }

    @Test
    void theChangedPlanHasOnlyTheChangedComponentsAndSaysSo() {
        repo.write("services/api/main.sh", "echo v2").write("docs/README.md", "v2").commitAll("api");

        CompiledPlan compiled = compile(Fixture.base("main"), root);

        assertThat(jobIds(compiled.plan())).containsExactly("api@dev.run", "api@prod.run");
        PlanScope scope = compiled.plan().metadata().scope();
        assertThat(scope.mode()).isEqualTo(PlanScope.MODE_CHANGED);
        assertThat(scope.changedFiles()).isEqualTo(2);
        assertThat(scope.components()).containsExactly("api");
        assertThat(compiled.notes()).contains("changes: 2 changed files → 1 component: api");
    }

    @Test
    void dependenciesAreNotPulledInAndTheComponentDirectoryDoesNotScope() {
        // api depends on db, and we stand inside auth's directory: neither matters with --changed.
        repo.write("services/web/index.js", "v2").commitAll("web");

        CompiledPlan compiled = compile(Fixture.base("main"), root.resolve("services/api/plugins/auth"));

        assertThat(jobIds(compiled.plan())).containsExactly("web@prod.run");
    }

    @Test
    void intentEditsSelectThroughTheCompilersModel() {
        String intent = repo.git("show", "HEAD:intent.yaml");
        repo.write("intent.yaml", intent.replace("TEAM: core", "TEAM: platform")
                .replace("{greeting: hello}", "{greeting: hey}")).commitAll("env and dev");

        CompiledPlan compiled = compile(Fixture.base("main"), root);

        // dev changed: api, auth, db are in dev; env changed: web watches env.
        assertThat(compiled.plan().metadata().scope().components()).containsExactly("api", "auth", "db", "web");
    }

    @Test
    void noChangesGiveAnEmptyPlan() {
        repo.write("docs/README.md", "v2").commitAll("docs");

        CompiledPlan compiled = compile(Fixture.base("main"), root);

        assertThat(compiled.plan().jobs()).isEmpty();
        assertThat(compiled.notes()).contains("changes: 1 changed file, no components changed");
    }

    @Test
    void explainLinesBecomeNotes() {
        repo.write("services/web/index.js", "v2").commitAll("web");

        CompiledPlan compiled = compile(new ChangeRequest(true, "main", null, List.of(), false, false, true), root);

        assertThat(compiled.notes()).contains("changes:   services/web/index.js → web");
        assertThat(compiled.notes()).anyMatch(n -> n.startsWith("changes: base: main from --base → "));
    }

    @Test
    void aComponentWithAnInputDependencyIsRebuiltWhenTheDependencyChanges() {
        repo.write("services/api/plugins/auth/component.yaml", """
                apiVersion: sourceplane.io/v1
                kind: Component
                metadata: {name: auth}
                spec:
                  type: shell
                  subscribe: {environments: [dev]}
                  parameters: {message: auth}
                  dependsOn:
                    - {component: web, input: true}
                """).commitAll("auth builds from web's sources");
        repo.git("checkout", "-q", "-b", "web-change");
        repo.write("services/web/index.js", "v2").commitAll("web");

        CompiledPlan compiled = compile(Fixture.base("feature"), root);

        assertThat(compiled.plan().metadata().scope().components()).containsExactly("auth", "web");
    }

    @Test
    void anUnknownWatchedSectionIsALoadErrorWithFileAndLine() {
        repo.write("services/web/component.yaml", """
                apiVersion: sourceplane.io/v1
                kind: Component
                metadata: {name: web}
                spec:
                  type: node
                  subscribe: {environments: [prod]}
                  change:
                    watches: [env, secrets]
                """);
        Workspace ws = Workspace.discover(root, null);

        assertThatThrownBy(() -> new Planner(ws).validate())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("services/web/component.yaml:8: component \"web\": change.watches: unknown section"
                        + " \"secrets\" (expected one of automation, compositions, discovery, env, environments,"
                        + " execution, groups)");
    }
}
