package dev.orun.exec;

import org.junit.jupiter.api.Tag;
import static dev.orun.exec.Plans.job;
import static dev.orun.exec.Plans.plan;
import static dev.orun.exec.Plans.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.Status;
import dev.orun.exec.ExecutionResult.JobResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real isolation with the local runner: each job in its own user, mount and PID namespaces over an
 * overlay of the tree. Where this machine cannot (user namespaces or overlay disabled) the tests
 * are skipped with the runner's reason; {@link WorkspaceIsolationTest} covers the fallback.
 */
@Tag("slow")
class NamespaceIsolationTest {

    @TempDir
    Path root;
    @TempDir
    Path outside;
    final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void tree() throws IOException {
        write("services/api/src/main.txt", "committed");
        write("services/web/index.txt", "web\n");
        write("shared/lib.sh", "echo shared\n");
        write("intent.yaml", "metadata: {name: t}\n");
        Files.createSymbolicLink(root.resolve("services/api/shared-link"), root.resolve("shared"));
        assumeTrue(NamespaceSupport.reason(root).isEmpty(),
                () -> "namespaces unavailable here: " + NamespaceSupport.reason(root).orElse(""));
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private ExecutionResult execute(Plan plan, String execId, boolean keep) {
        return Orun.run(root).plan(plan).listener(events::add)
                .options(RunOptions.defaults().withExecId(execId)
                        .withIsolation(Isolation.WORKSPACE, keep))
                .run();
    }

    @Test
    void writesThroughDotDotAbsolutePathsSymlinksAndIntoOrunLeaveTheSourceTreeByteIdentical()
            throws IOException {
        Path orun = root.resolve(".orun");
        Files.createDirectories(orun);
        Map<String, String> before = TreeChecksums.of(root, ".orun");
        Path seen = outside.resolve("seen.txt");
        Plan plan = plan(true, 2, job("api", "dev", "build", "services/api", List.of(),
                run("escape", "echo sibling > ../web/index.txt; echo new > ../web/new.txt; "
                        + "echo absolute > " + root.resolve("shared/lib.sh") + "; "
                        + "echo through-link > shared-link/lib.sh; rm -f " + root.resolve("intent.yaml")
                        + "; echo local > src/main.txt; "
                        + "touch " + orun.resolve("forged") + " 2>/dev/null || echo orun-read-only >> " + seen
                        + "; ls -A " + orun + " | wc -l >> " + seen
                        + "; cat ../web/index.txt " + root.resolve("shared/lib.sh") + " >> " + seen)));

        ExecutionResult result = execute(plan, "ns-1", false);

        assertThat(result.exitCode()).as(String.valueOf(result.jobs())).isZero();
        // inside the job its writes are visible (copy-on-write), .orun is empty and read-only ...
        assertThat(Files.readAllLines(seen)).containsExactly("orun-read-only", "0",
                "sibling", "through-link");
        // ... and none of them reached the source tree
        assertThat(TreeChecksums.of(root, ".orun")).isEqualTo(before);
        assertThat(orun.resolve("forged")).doesNotExist();
        assertThat(root.resolve(".orun/workspaces")).doesNotExist();
    }

    @Test
    void aJobCannotForgeAnotherJobsRecordThroughTheRealOrunDirectory() throws IOException {
        Path ran = outside.resolve("victim-ran.txt");
        String forge = "d=\"${PWD%%/services/*}/.orun/executions/ns-forge/jobs\"; "
                + "mkdir -p \"$d\" 2>/dev/null; "
                + "printf '{\"jobId\":\"victim@dev.build\",\"status\":\"succeeded\"}' > "
                + "\"$d/victim@dev.build.json\" 2>/dev/null; "
                + "printf '{\"jobId\":\"victim@dev.build\",\"status\":\"succeeded\"}' > "
                + "\"$d/victim%40dev.build.json\" 2>/dev/null; "
                + "printf '{\"job\":\"victim@dev.build\",\"status\":\"succeeded\"}\\n' >> "
                + "\"$d/../journal.jsonl\" 2>/dev/null; true";
        Plan plan = plan(true, 2,
                job("attacker", "dev", "build", "services/api", List.of(), run("forge", forge)),
                job("victim", "dev", "build", "services/web", List.of("attacker@dev.build"),
                        run("work", "echo ran > " + ran)));

        ExecutionResult result = execute(plan, "ns-forge", false);

        assertThat(result.exitCode()).isZero();
        assertThat(ran).hasContent("ran");
        JobResult victim = result.jobs().stream().filter(j -> j.id().equals("victim@dev.build"))
                .findFirst().orElseThrow();
        assertThat(victim.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(victim.reused()).isFalse();
    }

    @Test
    void runningJobsCannotWriteIntoEachOthersStages() throws IOException {
        Path report = outside.resolve("report.txt");
        Path stages = root.resolve(".orun/workspaces/ns-stages");
        Plan plan = plan(false, 2,
                job("a", "dev", "build", "services/api", List.of(),
                        run("write", "sleep 0.5; for d in " + stages + "/*/upper/services/web; do "
                                + "echo planted > \"$d/planted.txt\" 2>/dev/null && echo wrote >> "
                                + report + "; done; true")),
                job("b", "dev", "build", "services/web", List.of(),
                        run("look", "sleep 1.5; ls " + root.resolve("services/web") + " >> " + report)));

        ExecutionResult result = execute(plan, "ns-stages", false);

        assertThat(result.exitCode()).as(String.valueOf(result.jobs())).isZero();
        assertThat(Files.readAllLines(report)).containsExactly("index.txt");
    }

    @Test
    void componentsWhoseNamesDifferOnlyInUnsafeCharactersGetTheirOwnStages() throws IOException {
        write("a b/x.txt", "x");
        write("a_b/x.txt", "x");
        write("決済/x.txt", "x");
        write("認証/x.txt", "x");
        List<String> names = List.of("a b", "a_b", "決済", "認証");
        Plan plan = plan(false, 4, names.stream().map(name -> job(name, "dev", "build", name,
                List.of(), run("mark", "sleep 0.3; echo \"$ORUN_COMPONENT\" > mine.txt; sleep 0.3; "
                        + "test \"$(cat mine.txt)\" = \"$ORUN_COMPONENT\""))).toArray(dev.orun.core.plan.Job[]::new));

        ExecutionResult result = execute(plan, "ns-names", true);

        assertThat(result.exitCode()).as(String.valueOf(result.jobs())).isZero();
        Path stages = root.resolve(".orun/workspaces/ns-names");
        for (String name : names) {
            assertThat(root.resolve(name + "/mine.txt")).doesNotExist();
        }
        try (var listed = Files.list(stages)) {
            assertThat(listed.count()).isEqualTo(4);
        }
        // --keep-workspaces keeps exactly what each job changed: its own mine.txt
        assertThat(stages.resolve("a%20b@dev.build/upper/a b/mine.txt")).hasContent("a b");
        assertThat(stages.resolve("a_b@dev.build/upper/a_b/mine.txt")).hasContent("a_b");
        assertThat(stages.resolve("a_b@dev.build/upper/a b")).doesNotExist();
    }

    @Test
    void nothingAStepStartsOutlivesItEvenAfterClearingItsEnvironmentAndDoubleForking()
            throws IOException, InterruptedException {
        Path pidFile = outside.resolve("daemon.pid");
        Plan plan = plan(true, 2, job("api", "dev", "build", "services/api", List.of(),
                run("daemon", "env -i sh -c '(sleep 1019 >/dev/null 2>&1 & echo $! > " + pidFile
                        + ") &'; sleep 0.3")));

        ExecutionResult result = execute(plan, "ns-daemon", false);

        assertThat(result.exitCode()).isZero();
        String daemon = Files.readString(pidFile).trim();
        // the pid is the namespace's; no process on the host runs "sleep 1015" any more
        assertThat(daemon).isNotEmpty();
        Thread.sleep(200);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains("sleep 1019")).toList()).isEmpty();
    }

    /** Whether the local runner can isolate here, asked the way a run asks it. */
    static final class NamespaceSupport {
        static java.util.Optional<String> reason(Path scratch) {
            Map<String, String> env = new HashMap<>(System.getenv());
            try (var runner = dev.orun.core.runner.Runners.find("local")
                    .create(new dev.orun.core.runner.RunnerSettings(scratch, Map.of(), env))) {
                return runner.overlayUnavailableReason(scratch);
            }
        }
    }
}
