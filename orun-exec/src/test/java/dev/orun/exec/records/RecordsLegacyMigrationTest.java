package dev.orun.exec.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.state.RunState;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.exec.internal.records.RecordsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordsLegacyMigrationTest {

    private static final String LEGACY = """
            {
              "planChecksum": "sha256-3f4f0bf1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d",
              "jobs": {
                "network@dev.validate": {
                  "status": "completed",
                  "startedAt": "2026-05-30T09:12:03Z",
                  "finishedAt": "2026-05-30T09:12:41Z",
                  "steps": { "init": "completed", "validate": "completed" }
                },
                "api@dev.deploy": {
                  "status": "failed",
                  "startedAt": "2026-05-30T09:12:42Z",
                  "finishedAt": "2026-05-30T09:13:05Z",
                  "steps": { "build": "completed", "push": "failed", "smoke": "pending" },
                  "lastError": "step push: exit status 1"
                }
              }
            }
            """;

    @TempDir
    Path workspace;

    @Test
    void theLegacyStateFileIsMigratedOnceIntoItsOwnExecution() throws Exception {
        Files.writeString(workspace.resolve(".orun-state.json"), LEGACY);
        Path orunDir = workspace.resolve(".orun");

        try (FileStateBackend backend = new FileStateBackend(orunDir, "next-run")) {
            backend.open(TestPlans.run("next-run", TestPlans.plan("demo")));
            assertThat(backend.migratedLegacyState()).hasValueSatisfying(id -> assertThat(id).startsWith("migrated-"));
        }
        assertThat(workspace.resolve(".orun-state.json")).doesNotExist();
        assertThat(workspace.resolve(".orun-state.json.migrated")).hasContent(LEGACY.strip());

        FileRunRecords records = new FileRunRecords(orunDir);
        String migratedId;
        try (Stream<Path> dirs = Files.list(orunDir.resolve("executions"))) {
            migratedId = dirs.map(dir -> dir.getFileName().toString())
                    .filter(name -> name.startsWith("migrated-")).findFirst().orElseThrow();
        }
        RunState state = records.load(migratedId).state();
        assertThat(state.planChecksum()).startsWith("sha256-3f4f0bf1");
        assertThat(state.job("network@dev.validate").status()).isEqualTo(Status.SUCCEEDED);
        assertThat(state.job("api@dev.deploy").status()).isEqualTo(Status.FAILED);
        assertThat(state.job("api@dev.deploy").error()).isEqualTo("step push: exit status 1");
        assertThat(state.job("api@dev.deploy").steps()).extracting(StepState::stepId, StepState::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("build", Status.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("push", Status.FAILED),
                        org.assertj.core.groups.Tuple.tuple("smoke", Status.PENDING));
        dev.orun.core.state.RunMetadata meta = RecordsJson.read(orunDir.resolve("executions/" + migratedId + "/metadata.json"),
                dev.orun.core.state.RunMetadata.class).orElseThrow();
        assertThat(meta.status()).isEqualTo(Status.FAILED);
        assertThat(meta.trigger()).isEqualTo("migrated");
        assertThat(meta.jobs().total()).isEqualTo(2);

        try (FileStateBackend again = new FileStateBackend(orunDir, "third-run")) {
            again.open(TestPlans.run("third-run", TestPlans.plan("demo")));
            assertThat(again.migratedLegacyState()).isEmpty();
        }
        try (Stream<Path> dirs = Files.list(orunDir.resolve("executions"))) {
            assertThat(dirs.filter(dir -> dir.getFileName().toString().startsWith("migrated-"))).hasSize(1);
        }
    }
}
