package dev.orun.plan.internal.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSystemConfigTest {

    @Test
    void anExplicitSystemConfigVariableNamesTheFile() {
        assertThat(GitSystemConfig.location(Map.of("GIT_CONFIG_SYSTEM", "/opt/git/config", "PATH", ""), "Linux"))
                .contains(Path.of("/opt/git/config"));
    }

    @Test
    void noSystemConfigIsLeftToJGitWhichHonoursItWithoutStartingGit() {
        assertThat(GitSystemConfig.location(Map.of("GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_SYSTEM", "/x"), "Linux"))
                .isEmpty();
    }

    @Test
    void aGitOtherThanTheDistributionsIsLeftToJGitsDiscovery(@TempDir Path dir) throws Exception {
        Path git = Files.createFile(dir.resolve("git"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(git).isExecutable();

        assertThat(GitSystemConfig.location(Map.of("PATH", dir + ":/usr/bin"), "Linux")).isEmpty();
        assertThat(GitSystemConfig.location(Map.of("PATH", "/usr/bin"), "Mac OS X")).isEmpty();
    }

    @Test
    void theDistributionGitOnLinuxReadsEtcGitconfig() {
        Path git = Path.of("/usr/bin/git");
        if (Files.isExecutable(git)) { // every CI image here has the distribution's git
            assertThat(GitSystemConfig.location(Map.of("PATH", "/nonexistent:/usr/bin"), "Linux"))
                    .contains(Path.of("/etc/gitconfig"));
        }
    }
}
