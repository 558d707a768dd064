package dev.orun.exec.internal.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * A reusable stage. Its root mirrors the workspace root: <i>expanded</i> directories are real
 * directories whose entries are links to the source tree, every other entry is such a link, and at
 * most one directory — the current job's — is a private copy.
 *
 * <p>Reuse is what keeps staging cheap: moving the stage from one job to the next replaces one link
 * by a copy and the previous copy by a link, instead of re-linking every sibling of every
 * directory on the way down (a directory of 1000 components would otherwise cost 1000 links per
 * job). Expanded directories stay expanded. A job that changes an expanded directory itself
 * (creating, deleting or renaming an entry there, which its modification time reveals) spoils the
 * stage: it is deleted rather than reused, so nothing a job leaves behind reaches a later job.
 */
final class StageSlot {

    private final Path sourceRoot;
    private Path directory;
    private final Map<Path, FileTime> expanded = new HashMap<>();
    private Path privateCopy;

    StageSlot(Path sourceRoot, Path directory) throws IOException {
        this.sourceRoot = sourceRoot;
        this.directory = directory;
        Files.createDirectories(root());
        TreeOps.linkEntries(sourceRoot, root(), null);
        expanded.put(Path.of(""), mtime(root()));
    }

    Path directory() {
        return directory;
    }

    Path root() {
        return directory.resolve("root");
    }

    void moveTo(Path newDirectory) throws IOException {
        if (!newDirectory.equals(directory)) {
            Files.move(directory, newDirectory);
            directory = newDirectory;
        }
    }

    /** Makes {@code relative} (not empty) a private copy of the source; returns it. */
    Path checkOut(Path relative, IgnoreRules rootRules) throws IOException {
        Path parent = Path.of("");
        IgnoreRules rules = rootRules;
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            Path next = parent.resolve(relative.getName(i));
            rules = rules.enter(sourceRoot.resolve(next));
            if (!expanded.containsKey(next)) {
                Path linked = root().resolve(next);
                Files.deleteIfExists(linked);
                TreeOps.linkEntries(sourceRoot.resolve(next), linked, null);
                expanded.put(next, null);
            }
            parent = next;
        }
        Path target = root().resolve(relative);
        if (expanded.keySet().stream().anyMatch(p -> p.startsWith(relative))) {
            expanded.keySet().removeIf(p -> p.startsWith(relative));
        }
        TreeOps.deleteTree(target);
        Path source = sourceRoot.resolve(relative);
        rules = rules.enter(source);
        TreeOps.copyTree(source, target, rules, false);
        privateCopy = relative;
        recordTimes();
        return target;
    }

    /**
     * Discards the current job's copy, putting the link back.
     *
     * @return whether the stage can serve another job (no expanded directory was changed)
     */
    boolean checkIn() throws IOException {
        boolean clean = unchanged();
        if (privateCopy != null) {
            Path target = root().resolve(privateCopy);
            TreeOps.deleteTree(target);
            Path source = sourceRoot.resolve(privateCopy);
            if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(target, source);
            }
            privateCopy = null;
        }
        recordTimes();
        return clean;
    }

    private boolean unchanged() throws IOException {
        for (Map.Entry<Path, FileTime> dir : expanded.entrySet()) {
            Path path = root().resolve(dir.getKey());
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                    || !mtime(path).equals(dir.getValue())) {
                return false;
            }
        }
        return true;
    }

    private void recordTimes() throws IOException {
        for (Path dir : expanded.keySet()) {
            expanded.put(dir, mtime(root().resolve(dir)));
        }
    }

    private static FileTime mtime(Path path) throws IOException {
        return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
    }
}
