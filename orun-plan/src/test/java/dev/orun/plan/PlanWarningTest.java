package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.plan.internal.load.Warnings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The warnings channel: rendering, de-duplication and an order independent of thread timing. */
class PlanWarningTest {

    @Test
    void rendersFileLineWarningMessageAndLeavesOutAnUnknownLine() {
        assertThat(new PlanWarning("services/api/component.yaml", 7, "unknown key \"dependOn\""))
                .hasToString("services/api/component.yaml:7: warning: unknown key \"dependOn\"");
        assertThat(new PlanWarning("intent.yaml", 0, "x")).hasToString("intent.yaml: warning: x");
        assertThat(new PlanWarning("a\\b.yaml", 3, "two\nlines")).hasToString("a/b.yaml:3: warning: two lines");
    }

    @Test
    void collectorKeepsEachWarningOnceSortedByFileLineAndMessageWhateverTheThreadOrder() throws Exception {
        Warnings warnings = new Warnings();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                start.await();
                for (int i = 20; i > 0; i--) {
                    warnings.add(Path.of("b.yaml"), i, "late");
                    warnings.add(Path.of("a.yaml"), 2, "second");
                    warnings.add(Path.of("a.yaml"), 2, "first");
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(warnings.list()).hasSize(22);
        assertThat(warnings.list().subList(0, 4)).extracting(PlanWarning::toString).containsExactly(
                "a.yaml:2: warning: first", "a.yaml:2: warning: second",
                "b.yaml:1: warning: late", "b.yaml:2: warning: late");
    }

    @Test
    void aWarningDoesNotChangeThePlanOrItsChecksum(@org.junit.jupiter.api.io.TempDir Path dir) {
        Fixtures.copy("demo", dir);
        CompiledPlan clean = new Planner(Workspace.discover(dir, null)).compile(PlanRequest.full());
        Fixtures.replace(dir.resolve("services/api/component.yaml"), "spec:\n", "spec:\n  enabled: false\n");

        CompiledPlan warned = new Planner(Workspace.discover(dir, null)).compile(PlanRequest.full());

        assertThat(clean.warnings()).isEmpty();
        assertThat(warned.warnings()).extracting(PlanWarning::toString).containsExactly(
                "services/api/component.yaml:5: warning: component \"api\": \"enabled: false\" has no effect;"
                        + " the component is planned as usual");
        assertThat(warned.plan().metadata().checksum()).isEqualTo(clean.plan().metadata().checksum());
    }
}
