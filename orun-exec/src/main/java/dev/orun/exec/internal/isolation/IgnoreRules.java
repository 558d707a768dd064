package dev.orun.exec.internal.isolation;

import java.nio.file.Path;
import java.util.Set;

/**
 * Which entries the fallback staging leaves out of a job's private copy: {@code .orun}, and what
 * git would ignore. In a git work tree git itself says so ({@link GitIgnored}: {@code .gitignore}
 * files at every level, negations, {@code .git/info/exclude}, the global excludes file); outside
 * git, the tree's {@code .gitignore} files are read by {@link GitignoreMatcher}.
 */
abstract class IgnoreRules {

    /** Never staged: orun's own records. */
    static final Set<String> ALWAYS_SKIPPED = Set.of(".orun");

    /** The rules for the tree at {@code root}, asking git when {@code root} is in a work tree. */
    static IgnoreRules root(Path root) {
        IgnoreRules fromGit = GitIgnored.of(root);
        return fromGit != null ? fromGit : GitignoreMatcher.root(root);
    }

    /** The rules inside {@code directory} (a directory's own {@code .gitignore} adds to them). */
    abstract IgnoreRules enter(Path directory);

    /** Whether {@code entry} (inside the tree) is left out. */
    abstract boolean ignored(Path entry, boolean directory);
}
