package dev.orun.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanJsonTest {

    private static Step step(String id, String phase, String run) {
        return new Step(id, id, phase, 0, run, null, null, null, null, null, null, 0, null, null);
    }

    private static Plan samplePlan(Map<String, Object> parameters, List<String> dependsOn) {
        Job api = new Job("api@dev.build", "build", "api", "dev", "shell", "build", null, null,
                "services/api", dependsOn, "5m", 0, Map.of("TEAM", "core"), null, parameters,
                List.of(step("compile", "main", "echo a && echo b")));
        Job db = new Job("db@dev.build", "build", "db", "dev", "shell", "build", null, null,
                "./", null, null, 2, null, null, null, List.of());
        return Plan.of(new PlanMetadata("demo", null, null, new PlanSource("abc123", false), null),
                ExecutionSettings.defaults(), List.of(db, api));
    }

    @Test
    void serialisesJobsSortedAndMapKeysSortedRegardlessOfInsertionOrder() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("zeta", 1);
        first.put("alpha", Map.of("y", true, "x", "s"));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("alpha", Map.of("x", "s", "y", true));
        second.put("zeta", 1);

        String a = PlanJson.toJson(PlanJson.withChecksum(samplePlan(first, List.of("db@dev.build", "b@dev.x"))));
        String b = PlanJson.toJson(PlanJson.withChecksum(samplePlan(second, List.of("b@dev.x", "db@dev.build"))));

        assertThat(a).isEqualTo(b);
        assertThat(a.indexOf("\"id\": \"api@dev.build\"")).isLessThan(a.indexOf("\"id\": \"db@dev.build\""));
        assertThat(a.indexOf("\"alpha\"")).isLessThan(a.indexOf("\"zeta\""));
        assertThat(a).endsWith("}\n").doesNotContain("\r").contains("\n  \"kind\": \"Plan\",\n");
    }

    @Test
    void checksumCoversContentButNotItself() {
        Plan plan = samplePlan(Map.of("k", "v"), List.of());
        Plan checked = PlanJson.withChecksum(plan);

        assertThat(checked.metadata().checksum()).matches("sha256-[0-9a-f]{64}");
        assertThat(PlanJson.checksum(checked)).isEqualTo(checked.metadata().checksum());
        assertThat(PlanJson.checksum(samplePlan(Map.of("k", "other"), List.of())))
                .isNotEqualTo(checked.metadata().checksum());
        assertThat(checked.planId()).hasSize(12).isEqualTo(checked.checksumHex().substring(0, 12));
    }

    @Test
    void omitsEmptyOptionalFieldsButKeepsStepsAndFailFast() {
        String json = PlanJson.toJson(samplePlan(Map.of(), List.of()));

        assertThat(json).contains("\"failFast\": true").contains("\"steps\": []")
                .doesNotContain("\"labels\"").doesNotContain("\"profile\"")
                .contains("\"retries\": 2").doesNotContain("\"retries\": 0")
                .doesNotContain("\"order\"");
    }

    @Test
    void readsBackWhatItWrites(@TempDir Path dir) throws Exception {
        Plan plan = PlanJson.withChecksum(samplePlan(Map.of("n", 3, "f", 1.5, "b", false), List.of("db@dev.build")));
        Path file = dir.resolve("plan.json");
        Files.write(file, PlanJson.toBytes(plan));

        Plan read = PlanJson.read(file);

        assertThat(PlanJson.toJson(read)).isEqualTo(PlanJson.toJson(plan));
        assertThat(read.job("api@dev.build")).get().extracting(Job::dependsOn).isEqualTo(List.of("db@dev.build"));
        assertThat(read.jobs().get(0).steps().get(0).workingDirectory()).isNull();
    }

    @Test
    void malformedPlanFileIsInvalidInputNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"kind\": \"Plan\",\n  \"jobs\": [ oops ]\n}\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> PlanJson.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":3: not a valid plan");
        assertThatThrownBy(() -> PlanJson.read(dir.resolve("missing.json")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist");
    }

    @Test
    void checksumFromTheSingleSerialisationEqualsTheDefinitionEvenWithTrickyStrings() {
        String tricky = "a \"checksum\": \"" + CanonicalBytes.PLACEHOLDER + "\" \\ \t end";
        Job job = new Job("api@dev.build", "build", "api", "dev", "shell", "build", null, null, "./", null, null, 0,
                Map.of("checksum", CanonicalBytes.PLACEHOLDER, "SPACED", "  x  y  "), null,
                Map.of("note", tricky, "ünïcode", "日本 語"), List.of(step("s", "main", tricky)));
        for (PlanMetadata metadata : List.of(
                new PlanMetadata(CanonicalBytes.PLACEHOLDER, tricky, null, null, null),
                new PlanMetadata(null, null, null, null, null))) {
            Plan plan = Plan.of(metadata, ExecutionSettings.defaults(), List.of(job));

            Plan checked = PlanJson.withChecksum(plan);

            Plan sameWithoutCache = checked.withMetadata(checked.metadata());
            assertThat(checked.metadata().checksum()).isEqualTo(PlanJson.checksum(plan));
            assertThat(PlanJson.toBytes(checked)).isEqualTo(PlanJson.toBytes(sameWithoutCache));
            assertThat(PlanJson.toJson(checked)).contains("\"checksum\": \"" + PlanJson.checksum(plan) + "\"")
                    .contains(CanonicalBytes.PLACEHOLDER);
        }
    }
}
