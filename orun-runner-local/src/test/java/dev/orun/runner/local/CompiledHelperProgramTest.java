package dev.orun.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled sandbox helper is built once per machine into a private directory and reused; a
 * binary or a directory someone else could have written is never run.
 */
class CompiledHelperProgramTest {

    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};
    private static final long UID = NamespaceSandbox.currentId("uid");

    @TempDir
    Path home;

    private CompiledHelperProgram program(Map<String, String> environment, Path directory) {
        return new CompiledHelperProgram(new Executables(environment), environment, directory, UID);
    }

    private Path built(CompiledHelperProgram program) {
        return Path.of(program.command(Path.of("/s"), "0", "0").get(0));
    }

    @Test
    void isCompiledOnceIntoAPrivateDirectoryAndReused() throws Exception {
        assumeTrue(new Executables(System.getenv()).find("cc").isPresent(), "no C compiler here");
        Path directory = home.resolve(".orun/sandbox");
        Files.createDirectories(directory.getParent());
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path older = directory.resolve("sandbox-helper-0123456789abcdef");
        Files.writeString(older, "an earlier version's helper");
        CompiledHelperProgram first = program(System.getenv(), directory);

        assertThat(first.prepare()).isEmpty();
        Path binary = built(first);
        assertThat(Arrays.copyOf(Files.readAllBytes(binary), 4)).isEqualTo(ELF);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(directory).isDirectoryNotContaining("glob:**/.sandbox-helper-*");
        assertThat(older).as("an earlier version's helper is removed").doesNotExist();

        Files.setLastModifiedTime(binary, FileTime.fromMillis(1_000_000));
        CompiledHelperProgram second = program(System.getenv(), directory);
        assertThat(second.prepare()).isEmpty();
        assertThat(built(second)).isEqualTo(binary);
        assertThat(Files.getLastModifiedTime(binary).toMillis()).as("not compiled again").isEqualTo(1_000_000);
    }

    @Test
    void aBinaryOthersCouldHaveWrittenIsBuiltAgain() throws Exception {
        assumeTrue(new Executables(System.getenv()).find("cc").isPresent(), "no C compiler here");
        Path directory = home.resolve(".orun/sandbox");
        CompiledHelperProgram first = program(System.getenv(), directory);
        assertThat(first.prepare()).isEmpty();
        Path binary = built(first);
        Files.writeString(binary, "#!/bin/sh\necho planted\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(program(System.getenv(), directory).prepare()).isEmpty();

        assertThat(Arrays.copyOf(Files.readAllBytes(binary), 4)).isEqualTo(ELF);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binary))).isEqualTo("rwx------");
    }

    @Test
    void aDirectoryOthersCanWriteToIsRefused() throws Exception {
        Path directory = Files.createDirectories(home.resolve("shared"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(program(System.getenv(), directory).prepare())
                .hasValueSatisfying(reason -> assertThat(reason).contains("not a private directory"));
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void withoutACompilerItSaysSo() throws Exception {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PATH", Files.createDirectories(home.resolve("empty-bin")).toString());

        assertThat(program(environment, home.resolve(".orun/sandbox")).prepare())
                .hasValueSatisfying(reason -> assertThat(reason).contains("no C compiler"));
    }
}
