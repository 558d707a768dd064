package dev.orun.exec.internal.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the fallback staging leaves out, in a real git repository and in the same tree outside git. */
class IgnoreRulesTest {

    @TempDir
    Path root;

    @BeforeEach
    void tree() throws IOException {
        write(".gitignore", "*.log\n!keep.log\n[unclosed\n/build/\nnode_modules/\n");
        write("app/.gitignore", "tmp/\n*.tmp\n!important.tmp\n");
        write("app/debug.log", "x");
        write("app/keep.log", "x");
        write("app/src/target/Main.java", "a directory named target is source here");
        write("app/venv/readme.txt", "and so is one named venv");
        write("app/tmp/cache.bin", "x");
        write("app/a.tmp", "x");
        write("app/important.tmp", "x");
        write("build/out.bin", "x");
        write("app/build/keep.txt", "anchored /build/ is only the root's");
        write("web/node_modules/pkg/index.js", "x");
        write("secret/key.txt", "x");
        write(".orun/plans/latest.json", "{}");
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Every path staging would keep, walking top-down and not entering ignored directories. */
    private List<String> kept(IgnoreRules rules) throws IOException {
        List<String> kept = new ArrayList<>();
        walk(root, rules, kept);
        kept.sort(null);
        return kept;
    }

    private void walk(Path dir, IgnoreRules rules, List<String> kept) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                if (entry.getFileName().toString().equals(".git")) {
                    continue;
                }
                boolean isDir = Files.isDirectory(entry);
                if (rules.ignored(entry, isDir)) {
                    continue;
                }
                if (isDir) {
                    walk(entry, rules.enter(entry), kept);
                } else {
                    kept.add(root.relativize(entry).toString());
                }
            }
        }
    }

    private static final List<String> EXPECTED = List.of(".gitignore", "app/.gitignore",
            "app/build/keep.txt", "app/important.tmp", "app/keep.log", "app/src/target/Main.java",
            "app/venv/readme.txt");

    @Test
    void inAGitWorkTreeGitDecidesIncludingNegationsAndInfoExclude() throws Exception {
        git("init", "-q");
        write(".git/info/exclude", "secret/\n");

        IgnoreRules rules = IgnoreRules.root(root);

        assertThat(rules).isInstanceOf(GitIgnored.class);
        assertThat(kept(rules)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void outsideGitTheGitignoreFilesAreReadTheSameWay() throws IOException {
        IgnoreRules rules = IgnoreRules.root(root);

        assertThat(rules).isInstanceOf(GitignoreMatcher.class);
        List<String> expected = new ArrayList<>(EXPECTED);
        expected.add("secret/key.txt"); // no .git/info/exclude outside git
        expected.sort(null);
        assertThat(kept(rules)).containsExactlyElementsOf(expected);
    }

    @Test
    void doubleStarPatternsMatchAnyNumberOfDirectories() {
        assertThat("a/b/c/x.txt").matches(GitignoreMatcher.toRegex("a/**/x.txt"));
        assertThat("a/x.txt").matches(GitignoreMatcher.toRegex("a/**/x.txt"));
        assertThat("deep/er/x.txt").matches(GitignoreMatcher.toRegex("**/x.txt"));
        assertThat("a/anything/below").matches(GitignoreMatcher.toRegex("a/**"));
        assertThat("a/b/x.txt").doesNotMatch(GitignoreMatcher.toRegex("a/*.txt"));
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).inheritIO().start();
        assertThat(git.waitFor()).isZero();
    }
}
