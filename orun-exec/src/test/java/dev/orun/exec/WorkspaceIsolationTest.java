package dev.orun.exec;

import dev.orun.core.state.contract.InMemoryStateBackend;

import static dev.orun.exec.Plans.job;
import static dev.orun.exec.Plans.plan;
import static dev.orun.exec.Plans.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback staging (namespaces switched off with {@code ORUN_NAMESPACES=off}, as where user
 * namespaces or overlays are unavailable): what it isolates, and exactly what still leaks.
 */
class WorkspaceIsolationTest {

    static final Map<String, String> FALLBACK = fallbackEnvironment();

    private static Map<String, String> fallbackEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("ORUN_NAMESPACES", "off");
        return env;
    }

    @TempDir
    Path root;
    Path report;
    InMemoryStateBackend.Store state = new InMemoryStateBackend.Store();

    @BeforeEach
    void tree() throws IOException {
        report = Files.createTempFile("isolation", ".txt");
        write("services/api/src/main.txt", "committed");
        write("services/api/draft.txt", "uncommitted");
        write("services/api/target/app.jar", "build output");
        write("services/api/.gitignore", "*.log\n/cache/\ntarget/\n");
        write("services/api/debug.log", "ignored");
        write("services/api/cache/blob", "ignored");
        write("services/web/index.txt", "web\n");
        write("shared/lib.sh", "echo shared\n");
        write("intent.yaml", "metadata: {name: t}\n");
        write(".orun/plans/latest.json", "{}");
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private ExecutionResult execute(Plan plan, boolean keep) {
        return Orun.run(root).plan(plan)
                .options(RunOptions.defaults().withExecId("iso").withIsolation(Isolation.WORKSPACE, keep)
                        .withHostEnvironment(FALLBACK))
                .state(state.provider()).run();
    }

    @Test
    void aJobRunsInAPrivateCopyOfItsDirectoryAndItsWritesStayThere() throws IOException {
        Plan plan = plan(true, 2, job("api", "dev", "build", "services/api", List.of(),
                run("look", "{ pwd; ls -A | sort | tr '\\n' ' '; echo; cat ../../shared/lib.sh; "
                        + "cat ../web/index.txt; } > " + report + "; echo changed > src/main.txt; "
                        + "rm draft.txt; mkdir -p target && echo new > target/out")));

        ExecutionResult result = execute(plan, false);

        assertThat(result.exitCode()).as(String.valueOf(result.jobs())).isZero();
        List<String> lines = Files.readAllLines(report);
        assertThat(lines.get(0)).startsWith(root.resolve(".orun/workspaces/iso").toString())
                .endsWith("services/api");
        assertThat(lines.get(1).trim()).isEqualTo(".gitignore draft.txt src");
        assertThat(lines.get(2)).isEqualTo("echo shared");
        assertThat(lines.get(3)).isEqualTo("web");
        assertThat(Files.readString(root.resolve("services/api/src/main.txt"))).isEqualTo("committed");
        assertThat(root.resolve("services/api/draft.txt")).exists();
        assertThat(root.resolve("services/api/target/out")).doesNotExist();
        assertThat(root.resolve(".orun/workspaces")).doesNotExist();
    }

    @Test
    void keptWorkspacesStayForDebugging() {
        Plan plan = plan(true, 2, job("api", "dev", "build", "services/api", List.of(),
                run("touch", "echo debug > left-behind.txt")));

        execute(plan, true);

        assertThat(root.resolve(".orun/workspaces/iso/api@dev.build/root/services/api/left-behind.txt"))
                .exists();
        assertThat(root.resolve("services/api/left-behind.txt")).doesNotExist();
    }

    @Test
    void aJobAtTheWorkspaceRootGetsACopyOfTheWholeTreeButNotOrunRecords() throws IOException {
        Plan plan = plan(true, 2, job("all", "dev", "check", "", List.of(),
                run("look", "ls -A | sort | tr '\\n' ' ' > " + report + "; echo x > shared/lib.sh")));

        ExecutionResult result = execute(plan, false);

        assertThat(result.exitCode()).isZero();
        assertThat(Files.readString(report).trim()).isEqualTo("intent.yaml services shared");
        assertThat(Files.readString(root.resolve("shared/lib.sh"))).isEqualTo("echo shared\n");
    }

    @Test
    void autoIsolationIsOffForASingleSlotAndWorkdirDisablesIt() throws IOException {
        Plan plan = plan(true, 1, job("api", "dev", "build", "services/api", List.of(),
                run("where", "pwd > " + report)));

        Orun.run(root).plan(plan).options(RunOptions.defaults().withExecId("iso"))
                .state(state.provider()).run();

        assertThat(Files.readString(report).trim()).isEqualTo(root.resolve("services/api").toString());
    }

    @Test
    void nothingAJobLeavesInItsStageReachesALaterJob() throws IOException {
        Plan plan = plan(true, 2,
                job("api", "dev", "build", "services/api", List.of(),
                        run("dirty", "echo dev > mine.txt; echo leak > ../leak.txt")),
                job("api", "prod", "build", "services/api", List.of("api@dev.build"),
                        run("look", "ls -A | sort | tr '\\n' ' ' > " + report
                                + "; ls ../ | sort | tr '\\n' ' ' >> " + report)),
                job("web", "dev", "build", "services/web", List.of("api@prod.build"),
                        run("look", "ls ../api | sort | tr '\\n' ' ' >> " + report)));

        ExecutionResult result = execute(plan, false);

        assertThat(result.exitCode()).as(String.valueOf(result.jobs())).isZero();
        // api@prod sees a fresh copy (no mine.txt, no ignored debug.log) and no leak.txt beside it;
        // web sees api through a link to the source tree, untouched by both api jobs.
        assertThat(Files.readString(report)).isEqualTo(".gitignore draft.txt src api web "
                + "cache debug.log draft.txt src target ");
        assertThat(root.resolve("services/leak.txt")).doesNotExist();
        assertThat(root.resolve(".orun/workspaces")).doesNotExist();
    }

    @Test
    void theFallbackSaysSoAndDocumentsWhatStillLeaks() throws IOException {
        Map<String, String> before = TreeChecksums.of(root, ".orun");
        List<dev.orun.core.event.ProgressEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        Plan plan = plan(true, 2,
                job("api", "dev", "build", "services/api", List.of(),
                        run("escape", "echo own > src/main.txt; echo sibling > ../web/index.txt; "
                                + "echo absolute > " + root.resolve("shared/lib.sh") + "; "
                                + "echo record > \"${PWD%%/.orun/*}/.orun/forged\"")),
                job("web", "dev", "build", "services/web", List.of("api@dev.build"), run("ok", "true")));

        ExecutionResult result = Orun.run(root).plan(plan).listener(events::add)
                .options(RunOptions.defaults().withExecId("iso").withIsolation(Isolation.WORKSPACE, false)
                        .withHostEnvironment(FALLBACK))
                .state(state.provider()).run();

        assertThat(result.exitCode()).isZero();
        assertThat(events).filteredOn(e -> e instanceof dev.orun.core.event.ProgressEvent.Notice)
                .singleElement().asString().contains("linked staging").contains("ORUN_NAMESPACES=off");
        Map<String, String> after = TreeChecksums.of(root, ".orun");
        // the job's own directory is private ...
        assertThat(after.get("services/api/src/main.txt")).isEqualTo(before.get("services/api/src/main.txt"));
        // ... but writes through ../ and absolute paths reach the source tree, and .orun is writable
        after.keySet().retainAll(before.keySet());
        assertThat(before.keySet()).hasSameElementsAs(after.keySet());
        assertThat(before).isNotEqualTo(after);
        assertThat(Files.readString(root.resolve("services/web/index.txt"))).isEqualTo("sibling\n");
        assertThat(Files.readString(root.resolve("shared/lib.sh"))).isEqualTo("absolute\n");
        assertThat(root.resolve(".orun/forged")).hasContent("record");
    }
}
