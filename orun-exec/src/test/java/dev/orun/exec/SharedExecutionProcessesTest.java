package dev.orun.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several real JVM processes started together on one execution id. */
class SharedExecutionProcessesTest {

    @TempDir
    Path root;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void fourProcessesOnOneExecIdRunEveryJobOfA200JobDagExactlyOnce() throws Exception {
        Path marks = root.resolve("marks.txt");
        Random random = new Random(42);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            List<String> deps = new ArrayList<>();
            for (int d = 0; i > 0 && d < 2; d++) {
                String dep = String.format("c%03d@dev.build", random.nextInt(i));
                if (!deps.contains(dep)) {
                    deps.add(dep);
                }
            }
            String id = String.format("c%03d", i);
            jobs.add(Plans.job(id, "dev", "build", ".", deps,
                    Plans.run("mark", "echo " + id + "@dev.build >> " + marks)));
        }
        Plan plan = Plans.plan(true, 4, jobs.toArray(Job[]::new));
        Path planFile = root.resolve("plan.json");
        Files.write(planFile, PlanJson.toBytes(plan));
        Files.writeString(root.resolve("intent.yaml"), "metadata:\n  name: shared\n");

        for (int i = 0; i < 4; i++) {
            started.add(launch(planFile, root.resolve("out-" + i + ".txt")));
        }
        for (int i = 0; i < 4; i++) {
            Process process = started.get(i);
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(root.resolve("out-" + i + ".txt"))).isZero();
        }

        Map<String, Long> runs = Files.readAllLines(marks).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(runs).hasSize(200);
        assertThat(runs.values()).containsOnly(1L);
    }

    private Process launch(Path planFile, Path output) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath,
                SharedRunProcess.class.getName(), root.toString(), planFile.toString(), "shared-200")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }
}
