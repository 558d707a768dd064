package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orun run} as a real process when its records cannot be written: {@code .orun} on a tiny
 * tmpfs (a full disk) or a read-only one. Needs permission to mount (root); skipped otherwise.
 */
@Tag("slow")
class RecordsFaultsProcessTest {

    @TempDir
    Path root;

    private final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path mount : mounts) {
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void mountTmpfs(Path dir, String options) throws Exception {
        Files.createDirectories(dir);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (needs root): "
                + new String(mount.getInputStream().readAllBytes()).strip());
        mounts.add(dir);
    }

    private TestWorkspace chattyJobs(int count) {
        TestWorkspace ws = new TestWorkspace(root);
        for (int i = 0; i < count; i++) {
            ws.component(String.format("c%03d", i), "yes x | head -c 20000; echo");
        }
        return ws.write();
    }

    @Test
    void aFullDiskEndsTheRunPromptlyWithOneLineNamingTheFileAndAnInterruptEndsItWithinItsGrace()
            throws Exception {
        chattyJobs(100);
        mountTmpfs(root.resolve(".orun"), "size=1m");
        Path output = root.resolve("out.txt");

        Process orun = OrunProcess.start(root, output, "run", "--exec-id", "full-1", "--concurrency", "4",
                "--component-concurrency", "0", "--isolation", "none");
        boolean endedAlone = orun.waitFor(60, TimeUnit.SECONDS);
        if (!endedAlone) {
            OrunProcess.signal(orun, "INT");
            assertThat(orun.waitFor(30, TimeUnit.SECONDS)).as("ends within its grace after SIGINT").isTrue();
        }

        String text = Files.readString(output);
        assertThat(orun.exitValue()).as(text).isIn(1, 130);
        assertThat(text).contains("No space left on device").contains(root.resolve(".orun").toString())
                .doesNotContain("internal error").doesNotContain("\tat ");
    }

    @Test
    void anInterruptWhileTheDiskIsFullEndsTheRunWithinItsGrace()
            throws Exception {
        TestWorkspace ws = new TestWorkspace(root);
        for (int i = 0; i < 4; i++) {
            ws.component(String.format("s%02d", i), "sleep 120");
        }
        ws.write();
        Path orunDir = root.resolve(".orun");
        mountTmpfs(orunDir, "size=1m");
        Path output = root.resolve("out.txt");

        Process orun = OrunProcess.start(root, output, "run", "--exec-id", "full-int", "--concurrency", "4",
                "--component-concurrency", "0", "--isolation", "none");
        Path journal = orunDir.resolve("executions/full-int/journal.jsonl");
        for (int i = 0; i < 600 && !(Files.exists(journal) && Files.readString(journal).contains("running")); i++) {
            Thread.sleep(100);
        }
        assertThat(orun.isAlive()).as("the sleeping jobs are running").isTrue();
        // fill the records' file system while the steps run, so every later write fails
        Path filler = orunDir.resolve("filler");
        try (var out = Files.newOutputStream(filler)) {
            byte[] block = new byte[64 * 1024];
            while (true) {
                out.write(block);
            }
        } catch (java.io.IOException expected) {
            // No space left on device: the disk is full now
        }

        OrunProcess.signal(orun, "INT");
        long started = System.nanoTime();
        boolean ended = orun.waitFor(25, TimeUnit.SECONDS);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        if (!ended) {
            orun.destroyForcibly();
        }

        String text = Files.readString(output);
        assertThat(ended).as("orun ended within its grace after SIGINT on a full disk (%d s): %s", seconds, text)
                .isTrue();
        assertThat(orun.exitValue()).as(text).isIn(1, 130);
        assertThat(text).doesNotContain("internal error").doesNotContain("\tat ");
    }

    @Test
    void aReadOnlyOrunIsExitTwoWithOneLineWhenNothingRan() throws Exception {
        TestWorkspace ws = new TestWorkspace(root).component("db", "echo ran > " + root.resolve("ran")).write();
        mountTmpfs(root.resolve(".orun"), "ro,size=1m");
        Path output = root.resolve("out.txt");

        Process orun = OrunProcess.start(ws.root(), output, "run", "--exec-id", "ro-1");

        assertThat(orun.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(output);
        assertThat(orun.exitValue()).as(text).isEqualTo(2);
        assertThat(text).contains("Read-only file system").contains(".orun").doesNotContain("internal error")
                .doesNotContain("\tat ");
        assertThat(root.resolve("ran")).doesNotExist();
    }
}
