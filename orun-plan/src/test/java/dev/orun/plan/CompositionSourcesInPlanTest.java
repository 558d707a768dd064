package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.plan.PlanSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * go-orun-plan.md §3.1 "Sources" and §5.1: the resolved digest of every declared source is
 * recorded in {@code plan.spec.compositionSources[]} as {@code {name, kind, ref?, path?,
 * resolvedDigest, exports?[]}}; for a {@code dir} source the digest is the SHA-256 over every
 * regular file ordered by path, feeding {@code relpath + "\n" + content + "\n"}.
 */
class CompositionSourcesInPlanTest {

    @TempDir
    Path dir;

    @BeforeEach
    void demo() {
        Fixtures.copy("demo", dir);
    }

    private Plan compile() {
        return new Planner(Workspace.discover(dir, null)).compile(PlanRequest.full()).plan();
    }

    private String expectedDirDigest(Path root) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .sorted((a, b) -> root.relativize(a).toString().compareTo(root.relativize(b).toString())).toList()) {
                sha.update((root.relativize(file).toString().replace('\\', '/') + "\n").getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(file));
                sha.update((byte) '\n');
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void aDirSourceIsRecordedWithItsDigestAndExports() throws Exception {
        Plan plan = compile();

        assertThat(plan.spec().compositionSources()).containsExactly(new PlanSpec.CompositionSource(
                "local", "dir", null, "./stack", expectedDirDigest(dir.resolve("stack")), List.of("shell")));
        assertThat(new String(PlanJson.toBytes(plan), StandardCharsets.UTF_8)).contains(String.join("\n",
                "  \"spec\": {",
                "    \"compositionSources\": [",
                "      {",
                "        \"name\": \"local\",",
                "        \"kind\": \"dir\",",
                "        \"path\": \"./stack\",",
                "        \"resolvedDigest\": \"" + expectedDirDigest(dir.resolve("stack")) + "\",",
                "        \"exports\": [",
                "          \"shell\"",
                "        ]",
                "      }",
                "    ]",
                "  },",
                "  \"jobs\": ["));
    }

    @Test
    void theSameSourcesGiveByteIdenticalPlansAndAnEditedCompositionChangesTheDigest() throws IOException {
        byte[] first = PlanJson.toBytes(compile());
        assertThat(PlanJson.toBytes(compile())).isEqualTo(first);

        Path notes = dir.resolve("stack/NOTES.md");
        Files.writeString(notes, "not a composition, still part of the source\n");
        Plan edited = compile();

        assertThat(PlanJson.toBytes(edited)).isNotEqualTo(first);
        assertThat(edited.jobs()).isEqualTo(PlanJson.parse(first, Path.of("plan.json")).jobs());
    }
}
