package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Plan;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan run from inside a component it does not cover is scoped to that component and its
 * dependencies as the intent declares them. When the compositions come from the legacy
 * {@code ORUN_CONFIG_DIR} ({@code --config-dir}), that scope is compiled with it too, like any
 * fresh plan of the same run.
 */
class PlanSelectorConfigDirTest {

    @TempDir
    Path root;
    @TempDir
    Path legacy;

    @Test
    void theScopeOfAComponentOutsideASavedPlanIsCompiledWithTheConfigDir() {
        Fixtures.write(legacy.resolve("shell/compositions.yaml"), """
                apiVersion: orun.io/v1
                kind: JobRegistry
                metadata: {name: legacy-shell}
                jobs:
                  - name: build
                    steps:
                      - {name: work, run: 'true'}
                """);
        Fixtures.write(legacy.resolve("shell/schema.yaml"), "type: object\n");
        Fixtures.write(root.resolve("intent.yaml"), """
                apiVersion: sourceplane.io/v1
                kind: Intent
                metadata: {name: shop}
                discovery: {roots: [services]}
                environments: {dev: {}}
                """);
        component("lib", null);
        component("app", "lib");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("ORUN_CONFIG_DIR", legacy.toString());
        Workspace workspace = Workspace.discover(root, null);
        Plan libOnly = new Planner(workspace, env).compile(new PlanRequest(List.of(), List.of(), false, root,
                null, null).withScope(List.of("lib"))).plan();
        new PlanStore(workspace).save(libOnly, "lib-only");

        PlanSelector.SelectedPlan fromApp = new PlanSelector(env).select(new PlanSelector.Request(
                "lib-only", null, root.resolve("services/app"), null, List.of(), List.of(), false, null, null));

        assertThat(fromApp.fresh()).isFalse();
        assertThat(fromApp.notes()).contains("context: auto-scoped to component app (+1 dependency: lib)");
        assertThat(fromApp.jobIds()).containsExactly("lib@dev.build");
    }

    private void component(String name, String dependsOn) {
        Fixtures.write(root.resolve("services/" + name + "/component.yaml"),
                "apiVersion: sourceplane.io/v1\nkind: Component\nmetadata: {name: " + name + "}\nspec:\n"
                        + "  type: shell\n  subscribe: {environments: [dev]}\n"
                        + (dependsOn == null ? "" : "  dependsOn:\n    - {component: " + dependsOn + "}\n"));
    }
}
