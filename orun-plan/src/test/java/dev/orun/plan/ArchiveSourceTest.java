package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.PlanJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Composition sources of kind archive: a local .tar.gz with the Stack layout. */
class ArchiveSourceTest {

    @TempDir
    Path dir;

    @TempDir
    Path reference;

    @BeforeEach
    void demo() {
        Fixtures.copy("demo", dir);
        Fixtures.copy("demo", reference);
    }

    private void pack(Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve("stack.tar.gz"));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                byte[] bytes = e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        Fixtures.replace(dir.resolve("intent.yaml"), "kind: dir, path: ./stack", "kind: archive, path: stack.tar.gz");
    }

    private Map<String, String> stackFiles(String prefix) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Path stack = dir.resolve("stack");
        try (Stream<Path> walk = Files.walk(stack)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(prefix + stack.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        }
        return files;
    }

    /** The plan without its spec (which names the source kind and digest) and the checksum covering it. */
    private byte[] compile(Path root) {
        dev.orun.core.plan.Plan plan = new Planner(Workspace.discover(root, null)).compile(PlanRequest.full()).plan();
        return PlanJson.toBytes(plan.withSpec(null).withMetadata(plan.metadata().withChecksum(null)));
    }

    @Test
    void anArchiveCompilesLikeTheSameDirectory() throws IOException {
        pack(stackFiles(""));
        deleteStackDir();

        assertThat(compile(dir)).isEqualTo(compile(reference));
    }

    @Test
    void aSingleTopLevelFolderIsTheArchiveRoot() throws IOException {
        pack(stackFiles("stack/"));
        deleteStackDir();

        assertThat(compile(dir)).isEqualTo(compile(reference));
    }

    @Test
    void entriesEscapingTheArchiveAreRejected() throws IOException {
        Map<String, String> files = stackFiles("");
        files.put("../evil.yaml", "x: 1\n");
        pack(files);

        assertThatThrownBy(() -> compile(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("stack.tar.gz: archive entry \"../evil.yaml\" escapes the archive root");
        assertThat(Files.exists(dir.getParent().resolve("evil.yaml"))).isFalse();
    }

    @Test
    void errorsInsideTheArchiveNameTheEntry() throws IOException {
        Map<String, String> files = stackFiles("");
        files.put("compositions/shell/compositions.yaml", "kind: Composition\nspec: [\n");
        pack(files);

        assertThatThrownBy(() -> compile(dir))
                .hasMessageStartingWith("stack.tar.gz!/compositions/shell/compositions.yaml:3: invalid YAML");
    }

    private void deleteStackDir() throws IOException {
        try (Stream<Path> walk = Files.walk(dir.resolve("stack"))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
