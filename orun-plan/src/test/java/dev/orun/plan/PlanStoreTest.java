package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.plan.PlanMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved plans and how references find them. */
class PlanStoreTest {

    @TempDir
    Path dir;

    Workspace workspace;
    PlanStore store;
    Plan plan;

    @BeforeEach
    void compileDemo() {
        Fixtures.copy("demo", dir);
        workspace = Workspace.discover(dir, null);
        store = new PlanStore(workspace);
        plan = new Planner(workspace).compile(PlanRequest.full()).plan();
    }

    private static Plan withChecksum(String hex) {
        return Plan.of(new PlanMetadata("fake", null, "sha256-" + hex, null, null), null, List.of());
    }

    @Test
    void savingWritesTheIdFileLatestAndTheNamedFileWithIdenticalBytes() throws IOException {
        SavedPlan saved = store.save(plan, "nightly");

        Path plans = dir.resolve(".orun/plans");
        assertThat(saved.file()).isEqualTo(plans.resolve("nightly.json"));
        byte[] bytes = PlanJson.toBytes(plan);
        assertThat(Files.readAllBytes(plans.resolve(plan.planId() + ".json"))).isEqualTo(bytes);
        assertThat(Files.readAllBytes(plans.resolve("latest.json"))).isEqualTo(bytes);
        assertThat(Files.readAllBytes(plans.resolve("nightly.json"))).isEqualTo(bytes);
        try (Stream<Path> files = Files.list(plans)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("nightly.json", "latest.json", plan.planId() + ".json");
        }
    }

    @Test
    void findsByLatestNameChecksumPrefixAndPath() {
        store.save(plan, "nightly");

        assertThat(store.find("latest").orElseThrow().plan()).isEqualTo(plan);
        assertThat(store.find("nightly").orElseThrow().plan()).isEqualTo(plan);
        assertThat(store.find(plan.planId().substring(0, 4)).orElseThrow().plan()).isEqualTo(plan);
        assertThat(store.find(plan.checksumHex()).orElseThrow().plan()).isEqualTo(plan);
        assertThat(store.find(plan.planId().toUpperCase()).orElseThrow().plan()).isEqualTo(plan);
        Path file = dir.resolve(".orun/plans/nightly.json");
        assertThat(store.find(file.toString()).orElseThrow().file()).isEqualTo(file);
        assertThat(store.list()).extracting(SavedPlan::file)
                .containsExactly(dir.resolve(".orun/plans/" + plan.planId() + ".json"), file);
    }

    @Test
    void aShortOrUnknownReferenceFindsNothing() {
        store.save(plan, null);

        assertThat(store.find(plan.planId().substring(0, 3))).isEmpty();
        assertThat(store.find("nope")).isEmpty();
        assertThatThrownBy(() -> store.resolve("nope"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("no saved plan matches \"nope\" (saved: " + plan.planId() + ", latest)");
    }

    @Test
    void withNoPlansTheErrorSaysSo() {
        assertThat(store.find("latest")).isEmpty();
        assertThatThrownBy(() -> store.resolve("latest"))
                .hasMessage("no saved plan matches \"latest\" (no plans saved in .orun/plans)");
    }

    @Test
    void anAmbiguousPrefixListsTheCandidates() {
        store.save(withChecksum("abcd11" + "0".repeat(58)), null);
        store.save(withChecksum("abcd22" + "0".repeat(58)), null);

        assertThat(store.find("abcd1").orElseThrow().plan().planId()).isEqualTo("abcd11000000");
        assertThatThrownBy(() -> store.find("abcd"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("plan reference \"abcd\" is ambiguous; it matches abcd11000000, abcd22000000 (use more digits)");
    }

    @Test
    void namesThatCouldEscapeOrShadowAreRejected() {
        for (String bad : List.of("../x", "latest", "a/b", "abcdef012345", ".hidden", "")) {
            assertThatThrownBy(() -> store.save(plan, bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThat(Files.exists(dir.resolve(".orun"))).isFalse();
    }
}
