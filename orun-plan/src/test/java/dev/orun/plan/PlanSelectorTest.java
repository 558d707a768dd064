package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanSelectorTest {

    @TempDir
    Path root;
    Workspace workspace;

    @BeforeEach
    void workspace() throws IOException {
        write("intent.yaml", """
                apiVersion: sourceplane.io/v1
                kind: Intent
                metadata: {name: shop}
                compositions:
                  sources: [{name: local, kind: dir, path: ./stack}]
                discovery: {roots: [services]}
                environments:
                  dev: {}
                  prod: {}
                """);
        write("stack/stack.yaml", "apiVersion: orun.io/v1\nkind: Stack\nmetadata: {name: t, version: 0.1.0}\n");
        write("stack/compositions/shell/compositions.yaml", """
                apiVersion: sourceplane.io/v1alpha1
                kind: Composition
                metadata: {name: shell}
                spec:
                  type: shell
                  defaultJob: build
                  parameterSchema: {type: object}
                  jobs:
                    - name: build
                      steps:
                        - name: work
                          run: 'true'
                """);
        component("common", List.of());
        component("api", List.of("common"));
        component("web", List.of("common"));
        workspace = Workspace.discover(root, null);
    }

    private void component(String name, List<String> deps) throws IOException {
        StringBuilder yaml = new StringBuilder("apiVersion: sourceplane.io/v1\nkind: Component\n"
                + "metadata: {name: " + name + "}\nspec:\n  type: shell\n"
                + "  subscribe: {environments: [dev, prod]}\n");
        if (!deps.isEmpty()) {
            yaml.append("  dependsOn:\n");
            deps.forEach(d -> yaml.append("    - {component: ").append(d).append("}\n"));
        }
        write("services/" + name + "/component.yaml", yaml.toString());
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private PlanSelector.SelectedPlan select(String ref, Path cwd, List<String> components,
                                          List<String> envs, boolean all, String job) {
        return new PlanSelector().select(new PlanSelector.Request(ref, null, cwd, null, components,
                envs, all, job, null));
    }

    private Plan save(String name, PlanRequest request) {
        Plan plan = new Planner(workspace).compile(request).plan();
        new PlanStore(workspace).save(plan, name);
        return plan;
    }

    @Test
    void withoutAReferenceAFreshPlanIsCompiledAndScopedToTheCurrentComponent() {
        PlanSelector.SelectedPlan selection = select(null, root.resolve("services/api"), List.of(),
                List.of(), false, null);

        assertThat(selection.fresh()).isTrue();
        assertThat(selection.jobIds()).containsExactlyInAnyOrder("common@dev.build",
                "common@prod.build", "api@dev.build", "api@prod.build");
    }

    @Test
    void aComponentNameBecomesAFreshPlanOfItAndItsDependencies() {
        PlanSelector.SelectedPlan selection = select("web", root, List.of(), List.of("dev"), false, null);

        assertThat(selection.fresh()).isTrue();
        assertThat(selection.jobIds()).containsExactlyInAnyOrder("common@dev.build", "web@dev.build");
    }

    @Test
    void savedPlansAreFoundByNameChecksumPrefixAndFile() {
        Plan plan = save("release", PlanRequest.full());

        assertThat(select("release", root, List.of(), List.of(), true, null).plan()).isEqualTo(plan);
        assertThat(select(plan.checksumHex().substring(0, 8), root, List.of(), List.of(), true, null)
                .plan().metadata().checksum()).isEqualTo(plan.metadata().checksum());
        Path file = root.resolve(".orun/plans/release.json");
        PlanSelector.SelectedPlan byFile = select(file.toString(), root, List.of(), List.of(), true, null);
        assertThat(byFile.fresh()).isFalse();
        assertThat(byFile.jobIds()).hasSize(6);
    }

    @Test
    void runTimeFiltersNarrowASavedPlan() {
        save("release", PlanRequest.full());

        assertThat(select("release", root, List.of("api"), List.of("prod"), true, null).jobIds())
                .containsExactly("api@prod.build");
        assertThat(select("release", root, List.of(), List.of("dev,prod"), true, "web@d").jobIds())
                .containsExactly("web@dev.build");
        assertThatThrownBy(() -> select("release", root, List.of("nope"), List.of(), true, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no job matches");
    }

    @Test
    void aSavedPlanIsScopedToTheCurrentComponentAndItsDependencies() {
        save("everything", PlanRequest.full());

        PlanSelector.SelectedPlan scoped = select("everything", root.resolve("services/web"),
                List.of(), List.of(), false, null);
        PlanSelector.SelectedPlan all = select("everything", root.resolve("services/web"),
                List.of(), List.of(), true, null);

        assertThat(scoped.jobIds()).containsExactlyInAnyOrder("common@dev.build",
                "common@prod.build", "web@dev.build", "web@prod.build");
        assertThat(scoped.notes()).contains("context: auto-scoped to component web (+1 dependency: common)");
        assertThat(all.jobIds()).hasSize(6);
    }

    @Test
    void theScopeMismatchWarningNamesBothScopes() {
        Plan apiOnly = save("api-only", new PlanRequest(List.of(), List.of(), false, root,
                null, null).withScope(List.of("api")));
        PlanSelector.SelectedPlan fromWeb = select("api-only", root.resolve("services/web"),
                List.of(), List.of(), false, null);
        assertThat(apiOnly.metadata().scope().components()).contains("api");
        assertThat(fromWeb.warnings()).singleElement().asString()
                .startsWith("warning: plan was generated for [api")
                .endsWith("but current scope is [common, web]");
        assertThat(fromWeb.jobIds()).allMatch(id -> id.startsWith("common@"));
        Plan full = new Planner(workspace).compile(PlanRequest.full()).plan();
        Plan labelled = full.withMetadata(new dev.orun.core.plan.PlanMetadata(
                full.metadata().name(), null, null, null, new dev.orun.core.plan.PlanScope(
                List.of("api", "common"), List.of(), "scoped", null)));
        new PlanStore(workspace).save(dev.orun.core.plan.PlanJson.withChecksum(labelled), "labelled");

        PlanSelector.SelectedPlan selection = select("labelled", root.resolve("services/web"),
                List.of(), List.of(), false, null);

        assertThat(selection.warnings()).containsExactly(
                "warning: plan was generated for [api, common] but current scope is [common, web]");
    }

    @Test
    void theDeprecatedPlanFlagWorksWithAWarningAndUnknownReferencesAreRefused() {
        save("release", PlanRequest.full());

        PlanSelector.SelectedPlan selection = new PlanSelector().select(new PlanSelector.Request(
                null, "release", root, null, List.of(), List.of(), true, null, null));

        assertThat(selection.warnings()).anyMatch(w -> w.contains("--plan is deprecated"));
        assertThatThrownBy(() -> select("no-such-thing", root, List.of(), List.of(), true, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("neither a saved plan")
                .hasMessageContaining("saved plans:").hasMessageContaining("release")
                .hasMessageContaining("components:");
    }
}
