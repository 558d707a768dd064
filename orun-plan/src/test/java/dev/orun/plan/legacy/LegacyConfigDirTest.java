package dev.orun.plan.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.plan.Step;
import dev.orun.plan.Fixtures;
import dev.orun.plan.PlanRequest;
import dev.orun.plan.Planner;
import dev.orun.plan.Workspace;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 11 — go-orun-plan.md §3.1 (last paragraph) and §3.3 "Legacy {@code --config-dir}
 * layout": {@code <dir>/<type>/compositions.yaml} (or {@code job.yaml}) is a {@code kind:
 * JobRegistry} document with {@code jobs[]}, {@code <dir>/<type>/schema.yaml} a raw JSON Schema;
 * the default job is the first job, there are no profiles ({@code legacy-none}: exactly that one
 * job); when declared sources exist the legacy dir only supplies types none of them exports.
 * §5.6: {@code -c/--config-dir} and {@code ORUN_CONFIG_DIR} mean the same.
 */
class LegacyConfigDirTest {

    @TempDir
    Path dir;
    @TempDir
    Path legacy;

    private static final String INTENT_HEAD = "apiVersion: sourceplane.io/v1\nkind: Intent\nmetadata: {name: legacy}\n";
    private static final String BODY = "environments: {dev: {}}\n"
            + "components:\n"
            + "  - {name: api, type: shell, subscribe: {environments: [dev]}, parameters: {port: 8080}}\n";

    private void legacyShell() {
        Fixtures.write(legacy.resolve("shell/compositions.yaml"), """
                apiVersion: orun.io/v1
                kind: JobRegistry
                metadata: {name: legacy-shell}
                jobs:
                  - name: build
                    runsOn: ubuntu-latest
                    steps:
                      - {name: compile, run: "echo build {{.orun.component.name}}"}
                      - {name: test, run: echo test}
                  - name: deploy
                    steps:
                      - {name: ship, run: echo ship}
                """);
        Fixtures.write(legacy.resolve("shell/schema.yaml"),
                "type: object\nproperties: {port: {type: integer}}\n");
    }

    private Plan compile(Path root, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("ORUN_CONFIG_DIR");
        env.putAll(extraEnv);
        return new Planner(Workspace.discover(root, null), env).compile(PlanRequest.full()).plan();
    }

    @Test
    void withoutDeclaredSourcesTheConfigDirSuppliesTheCompositionsAndTheFirstJobIsTheJob() {
        legacyShell();
        Fixtures.write(dir.resolve("intent.yaml"), INTENT_HEAD + BODY);

        Plan plan = compile(dir, Map.of("ORUN_CONFIG_DIR", legacy.toString()));

        assertThat(plan.jobs()).extracting(Job::id).containsExactly("api@dev.build");
        Job job = plan.jobs().get(0);
        assertThat(job.runsOn()).isEqualTo("ubuntu-latest");
        assertThat(job.steps()).extracting(Step::id).containsExactly("compile", "test");
        assertThat(job.steps()).extracting(Step::run).containsExactly("echo build api", "echo test");
    }

    @Test
    void theConfigDirCompilesLikeTheSameJobsInAModernStack() {
        legacyShell();
        Fixtures.write(dir.resolve("intent.yaml"), INTENT_HEAD + BODY);
        Path modern = dir.resolve("modern");
        Fixtures.write(modern.resolve("intent.yaml"), INTENT_HEAD
                + "compositions: {sources: [{name: local, kind: dir, path: ./stack}]}\n" + BODY);
        Fixtures.write(modern.resolve("stack/stack.yaml"), "kind: Stack\nmetadata: {name: legacy-shell}\n");
        Fixtures.write(modern.resolve("stack/shell/compositions.yaml"), """
                kind: Composition
                metadata: {name: shell}
                spec:
                  type: shell
                  defaultJob: build
                  parameterSchema: {type: object, properties: {port: {type: integer}}}
                  jobs:
                    - name: build
                      runsOn: ubuntu-latest
                      steps:
                        - {name: compile, run: "echo build {{.orun.component.name}}"}
                        - {name: test, run: echo test}
                    - name: deploy
                      steps:
                        - {name: ship, run: echo ship}
                """);

        Plan fromLegacy = compile(dir, Map.of("ORUN_CONFIG_DIR", legacy.toString()));
        Plan fromStack = compile(modern, Map.of());
        assertThat(fromLegacy.spec()).as("the legacy dir is not a declared source").isNull();
        assertThat(PlanJson.toBytes(fromLegacy.withMetadata(fromLegacy.metadata().withChecksum(null))))
                .isEqualTo(PlanJson.toBytes(fromStack.withSpec(null).withMetadata(fromStack.metadata().withChecksum(null))));
    }

    @Test
    void declaredSourcesWinAndTheConfigDirOnlyAddsTypesNobodyElseExports() {
        legacyShell();
        Fixtures.write(legacy.resolve("worker/job.yaml"),
                "kind: JobRegistry\njobs:\n  - name: work\n    steps: [{name: w, run: echo legacy-worker}]\n");
        Fixtures.write(legacy.resolve("worker/schema.yaml"), "type: object\n");
        Fixtures.write(dir.resolve("intent.yaml"), INTENT_HEAD
                + "compositions: {sources: [{name: local, kind: dir, path: ./stack}]}\n" + BODY
                + "  - {name: jobs, type: worker, subscribe: {environments: [dev]}}\n");
        Fixtures.write(dir.resolve("stack/stack.yaml"), "kind: Stack\nmetadata: {name: modern}\n");
        Fixtures.write(dir.resolve("stack/shell/compositions.yaml"), """
                kind: Composition
                metadata: {name: shell}
                spec:
                  type: shell
                  parameterSchema: {type: object}
                  jobs: [{name: modern, steps: [{name: m, run: echo modern}]}]
                """);

        Plan plan = compile(dir, Map.of("ORUN_CONFIG_DIR", legacy.toString()));

        assertThat(plan.jobs()).extracting(Job::id).containsExactly("api@dev.modern", "jobs@dev.work");
        assertThat(plan.jobs().get(1).steps().get(0).run()).isEqualTo("echo legacy-worker");
    }

    @Test
    void aMissingSchemaIsAnErrorNamingWhereItBelongs() {
        legacyShell();
        legacy.resolve("shell/schema.yaml").toFile().delete();
        Fixtures.write(dir.resolve("intent.yaml"), INTENT_HEAD + BODY);

        assertThatThrownBy(() -> compile(dir, Map.of("ORUN_CONFIG_DIR", legacy.toString())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(legacy.resolve("shell/schema.yaml")
                        + ": the legacy --config-dir layout needs a JSON Schema here for type shell");
    }

    @Test
    void aConfigDirThatDoesNotExistIsAnError() {
        Fixtures.write(dir.resolve("intent.yaml"), INTENT_HEAD + BODY);

        assertThatThrownBy(() -> compile(dir, Map.of("ORUN_CONFIG_DIR", legacy.resolve("nope").toString())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(legacy.resolve("nope") + ": --config-dir: directory does not exist");
    }
}
