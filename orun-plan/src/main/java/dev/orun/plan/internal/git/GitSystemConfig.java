package dev.orun.plan.internal.git;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.util.FS;

/**
 * Tells JGit where git's system-wide config file is when that is certain, so JGit does not start
 * {@code git --version} and {@code git config --system --show-origin --list -z} to find out (about
 * a fifth of a small plan's time inside a repository). The system config is still read, as are the
 * user and repository configs. Certain means: {@code GIT_CONFIG_SYSTEM} names it, or the
 * {@code git} on the PATH is the distribution's {@code /usr/bin/git} on Linux, whose system config
 * is {@code /etc/gitconfig}. Anywhere else JGit keeps discovering it itself.
 */
public final class GitSystemConfig {

    private static volatile boolean applied;

    private GitSystemConfig() {
    }

    /** Call before opening a repository with JGit; cheap after the first call. */
    public static void apply() {
        if (applied) {
            return;
        }
        synchronized (GitSystemConfig.class) {
            if (!applied) {
                location(System.getenv(), System.getProperty("os.name", ""))
                        .ifPresent(file -> FS.DETECTED.setGitSystemConfig(file.toFile()));
                applied = true;
            }
        }
    }

    /** The system config file git would read, when it is certain without running git. */
    static Optional<Path> location(Map<String, String> env, String osName) {
        if (env.containsKey("GIT_CONFIG_NOSYSTEM")) {
            return Optional.empty(); // JGit honours this itself without starting git
        }
        String explicit = env.get("GIT_CONFIG_SYSTEM");
        if (explicit != null && !explicit.isEmpty()) {
            return Optional.of(Path.of(explicit));
        }
        if (!osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        return gitOnPath(env.getOrDefault("PATH", ""))
                .filter(git -> git.equals(Path.of("/usr/bin/git")))
                .map(git -> Path.of("/etc/gitconfig"));
    }

    /** The real path of the first executable {@code git} on the PATH. */
    private static Optional<Path> gitOnPath(String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "git");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                try {
                    return Optional.of(candidate.toRealPath());
                } catch (java.io.IOException | RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
