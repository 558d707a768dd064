package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos for whole-plan remote runs: six {@code orun run --remote-state} processes share one run of
 * a random 300-job DAG while runners are killed with SIGKILL (and replaced) and the state server is
 * restarted once. Every step appends {@code S <nanos> <pid>} when it starts and
 * {@code E <nanos> <pid>} when it ends (also when it is stopped) to its job's marker file; the
 * intervals prove that no job ran twice at once and none started before its dependencies ended.
 * The DAG comes from a fixed seed ({@code -Dorun.chaos.seed=N} picks another), printed for replay.
 */
@Tag("slow")
class RemoteStateChaosTest {
    private static final int JOBS = 300;
    private static final int RUNNERS = 6;
    private static final int KILLS = 6;
    private static final long SEED = Long.getLong("orun.chaos.seed", 20_261_201L);

    @Test
    void every_job_succeeds_once_in_order_while_runners_die_and_the_server_restarts(@TempDir Path root)
            throws Exception {
        System.out.println("RemoteStateChaosTest seed " + SEED + " (-Dorun.chaos.seed=" + SEED + " replays it)");
        Map<String, List<String>> deps = randomDag(new Random(SEED));
        Path markers = Files.createDirectories(root.resolve("markers"));
        writeWorkspace(root, markers, deps);
        Random chaos = new Random(SEED + 1);
        String execId = "chaos-" + UUID.randomUUID();
        OrunProcesses orun = new OrunProcesses(root);
        try (StateServerProcess server = StateServerProcess.serve(root.resolve("server"), "--lease-seconds", "4")) {
            String token = server.token("acme", "web");
            Map<String, String> env = Map.of("ORUN_TOKEN", token, "ORUN_BACKEND_URL", server.url(), "ORUN_ORG", "acme",
                    "ORUN_PROJECT", "web", "ORUN_EXEC_ID", execId);
            List<Process> runners = new ArrayList<>();
            for (int i = 0; i < RUNNERS; i++) {
                runners.add(runner(orun, env));
            }
            List<Process> killed = new ArrayList<>();
            for (int kill = 0; kill < KILLS && anyAlive(runners); kill++) {
                Thread.sleep(2_000 + chaos.nextInt(3_000));
                if (kill == KILLS / 2) {
                    // a runner that never reached the server gives up at once (a wrong URL fails
                    // fast), so the restart comes once every live runner is at work
                    awaitWorking(orun, runners);
                    server.restart();
                    System.out.println("chaos: state server restarted");
                }
                List<Process> alive = runners.stream().filter(Process::isAlive).toList();
                if (alive.isEmpty()) {
                    break;
                }
                Process victim = alive.get(chaos.nextInt(alive.size()));
                victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no goodbye to the server
                System.out.println("chaos: killed runner " + victim.pid());
                runners.remove(victim);
                killed.add(victim);
                runners.add(runner(orun, env));
            }
            for (Process runner : runners) {
                assertThat(runner.waitFor(240, TimeUnit.SECONDS)).as("runner %d finished", runner.pid()).isTrue();
            }
            for (Process runner : runners) {
                assertThat(runner.exitValue()).as("surviving runner %d; output:%n%s", runner.pid(), orun.output(runner))
                        .isZero();
            }

            Process status = orun.start(env, "status", "--remote-state", "--json");
            assertThat(status.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String json = orun.output(status);
            assertThat(status.exitValue()).as(json).isZero();
            assertThat(json).contains("\"succeeded\": " + JOBS).doesNotContain("\"status\": \"failed\"");
        }

        Map<String, List<long[]>> intervals = new TreeMap<>();
        for (String job : deps.keySet()) {
            intervals.put(job, intervals(markers.resolve(job)));
        }
        for (Map.Entry<String, List<long[]>> job : intervals.entrySet()) {
            List<long[]> runs = job.getValue();
            assertThat(runs).as("%s ran", job.getKey()).isNotEmpty();
            for (int i = 1; i < runs.size(); i++) {
                assertThat(runs.get(i)[0]).as("%s attempt %d started after attempt %d ended", job.getKey(), i + 1, i)
                        .isGreaterThan(runs.get(i - 1)[1]);
            }
            long firstStart = runs.get(0)[0];
            for (String dep : deps.get(job.getKey())) {
                List<long[]> depRuns = intervals.get(dep);
                long depEnd = depRuns.get(depRuns.size() - 1)[1];
                assertThat(firstStart).as("%s started after its dependency %s ended", job.getKey(), dep)
                        .isGreaterThan(depEnd);
            }
        }
    }

    /** Job {@code jNNN} depends on up to three earlier jobs; about one in eight has none. */
    private static Map<String, List<String>> randomDag(Random random) {
        Map<String, List<String>> deps = new TreeMap<>();
        for (int i = 1; i <= JOBS; i++) {
            List<String> mine = new ArrayList<>();
            if (i > 1 && random.nextInt(8) != 0) {
                int count = 1 + random.nextInt(3);
                for (int k = 0; k < count; k++) {
                    String dep = name(1 + random.nextInt(i - 1));
                    if (!mine.contains(dep)) {
                        mine.add(dep);
                    }
                }
            }
            deps.put(name(i), mine);
        }
        return deps;
    }

    private static String name(int i) {
        return String.format("j%03d", i);
    }

    private static void writeWorkspace(Path root, Path markers, Map<String, List<String>> deps) {
        TestWorkspace ws = new TestWorkspace(root);
        deps.forEach((job, on) -> {
            String m = markers.resolve(job).toString();
            // the end is written also when the step is stopped (SIGTERM), so a stopped attempt is a closed interval
            String script = "echo S $(date +%s%N) $$ >> " + m + "; trap 'echo E $(date +%s%N) $$ >> " + m
                    + "; exit 143' TERM; sleep 0.05 & wait $!; echo E $(date +%s%N) $$ >> " + m;
            ws.component(job, script, on.toArray(String[]::new));
        });
        ws.write();
    }

    /** The [start, end] of every attempt, by start; an attempt with no end never ended. */
    private static List<long[]> intervals(Path marker) throws IOException {
        if (!Files.exists(marker)) {
            return List.of();
        }
        Map<String, long[]> byPid = new TreeMap<>();
        for (String line : Files.readAllLines(marker)) {
            String[] f = line.trim().split(" ");
            if (f.length != 3) {
                continue; // a line torn by SIGKILL
            }
            long[] interval = byPid.computeIfAbsent(f[2], pid -> new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
            interval[f[0].equals("S") ? 0 : 1] = Long.parseLong(f[1]);
        }
        List<long[]> out = new ArrayList<>(byPid.values());
        out.sort((a, b) -> Long.compare(a[0], b[0]));
        return out;
    }

    private static void awaitWorking(OrunProcesses orun, List<Process> runners) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        for (Process runner : runners) {
            while (runner.isAlive() && !orun.output(runner).contains("dev/build")) {
                assertThat(System.nanoTime()).as("runner %d at work within 180 s", runner.pid()).isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    private static boolean anyAlive(List<Process> runners) {
        return runners.stream().anyMatch(Process::isAlive);
    }

    private static Process runner(OrunProcesses orun, Map<String, String> env) throws IOException {
        return orun.start(env, "run", "--remote-state", "--concurrency", "4", "--component-concurrency", "0",
                "--isolation", "none");
    }
}
