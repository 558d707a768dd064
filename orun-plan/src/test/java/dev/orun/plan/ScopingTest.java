package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --env, --component (with transitive dependencies), the current-directory context and --all. */
class ScopingTest {

    @TempDir
    Path dir;

    Planner planner;

    @BeforeEach
    void workspaceWithAnIndependentThirdComponent() {
        Fixtures.copy("demo", dir);
        Fixtures.write(dir.resolve("services/web/component.yaml"), """
                kind: Component
                metadata: {name: web}
                spec:
                  type: shell
                  subscribe: {environments: [dev]}
                  parameters: {message: web}
                """);
        planner = new Planner(Workspace.discover(dir, null));
    }

    private PlanRequest request(List<String> envs, List<String> components, boolean all, Path cwd) {
        return new PlanRequest(envs, components, all, cwd, null, null);
    }

    @Test
    void fullPlanCoversEverything() {
        Plan plan = planner.compile(PlanRequest.full()).plan();

        assertThat(plan.jobs()).hasSize(5);
        assertThat(plan.metadata().scope().mode()).isEqualTo("full");
    }

    @Test
    void envFilterKeepsOnlyThoseEnvironmentsAndDropsPromotionFromAbsentOnes() {
        Plan plan = planner.compile(request(List.of("prod"), List.of(), true, null)).plan();

        assertThat(plan.jobs()).extracting(Job::id).containsExactly("api@prod.run", "db@prod.run");
        assertThat(plan.job("api@prod.run").orElseThrow().dependsOn()).containsExactly("db@prod.run");
        assertThat(plan.metadata().scope().mode()).isEqualTo("scoped");
        assertThat(plan.metadata().scope().environments()).containsExactly("prod");
    }

    @Test
    void envFilterAcceptsCommaSeparatedNames() {
        Plan plan = planner.compile(request(List.of("dev,prod"), List.of(), true, null)).plan();

        assertThat(plan.jobs()).hasSize(5);
        assertThat(plan.metadata().scope().mode()).isEqualTo("scoped");
    }

    @Test
    void componentFilterIsThatComponentOnlyAsInTheGoOrun() {
        Plan plan = planner.compile(request(List.of(), List.of("api"), false, null)).plan();

        assertThat(plan.metadata().scope().components()).containsExactly("api");
    }

    @Test
    void aScopeComponentPullsInTransitiveDependencies() {
        Plan plan = planner.compile(request(List.of(), List.of(), false, null).withScope(List.of("api"))).plan();

        assertThat(plan.metadata().scope().components()).containsExactly("api", "db");
        assertThat(plan.jobs()).extracting(Job::component).doesNotContain("web");
    }

    @Test
    void componentFilterDoesNotPullInDependents() {
        Plan plan = planner.compile(request(List.of(), List.of("db"), false, null)).plan();

        assertThat(plan.jobs()).extracting(Job::id).containsExactly("db@dev.run", "db@prod.run");
    }

    @Test
    void insideAComponentDirectoryThePlanIsScopedToItAndItsDependencies() {
        CompiledPlan compiled = planner.compile(request(List.of(), List.of(), false, dir.resolve("services/api")));

        assertThat(compiled.plan().metadata().scope().components()).containsExactly("api", "db");
        assertThat(compiled.plan().metadata().scope().mode()).isEqualTo("scoped");
        assertThat(compiled.notes()).containsExactly("context: auto-scoped to component api (+1 dependency: db)");
    }

    @Test
    void allTurnsTheDirectoryContextOff() {
        CompiledPlan compiled = planner.compile(request(List.of(), List.of(), true, dir.resolve("services/api")));

        assertThat(compiled.plan().jobs()).hasSize(5);
        assertThat(compiled.notes()).isEmpty();
    }

    @Test
    void atTheWorkspaceRootThereIsNoContext() {
        CompiledPlan compiled = planner.compile(request(List.of(), List.of(), false, dir));

        assertThat(compiled.plan().metadata().scope().mode()).isEqualTo("full");
        assertThat(ComponentContext.componentAt(planner.workspace(), dir)).isEmpty();
        assertThat(ComponentContext.componentAt(planner.workspace(), dir.resolve("services/web")))
                .contains("web");
    }

    @Test
    void unknownComponentOrEnvironmentIsAnError() {
        assertThatThrownBy(() -> planner.compile(request(List.of(), List.of("nope"), false, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("intent.yaml: no component matched \"nope\" (components: api, db, web)");
        assertThatThrownBy(() -> planner.compile(request(List.of("qa"), List.of(), true, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("intent.yaml: no environment matched \"qa\" (environments: dev, prod)");
    }
}
