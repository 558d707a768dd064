package dev.orun.plan.internal.load;

import dev.orun.core.InvalidInputException;
import dev.orun.plan.internal.model.CompositionSourceDecl;
import dev.orun.plan.internal.sources.oci.OciException;
import dev.orun.plan.internal.sources.oci.OciSources;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns declared composition sources into file trees for one load of a workspace: a directory, a
 * local archive, or an OCI artifact pulled into the cache (its package layer is read like an
 * archive). Remembers the digest each OCI source resolved to and the notices of offline fallbacks.
 */
public final class SourceTrees {

    private final Path root;
    private final Path intentFile;
    private final OciSources oci;
    private final Path configDir;
    private final Map<String, String> resolvedDigests = new TreeMap<>();

    /** @param configDir the legacy {@code --config-dir} ({@code ORUN_CONFIG_DIR}), or null */
    public SourceTrees(Path root, Path intentFile, OciSources oci, Path configDir) {
        this.root = root;
        this.intentFile = intentFile;
        this.oci = oci;
        this.configDir = configDir == null ? null : configDir.toAbsolutePath().normalize();
    }

    /** The compositions of the legacy {@code --config-dir}, by type; empty without one. */
    Map<String, dev.orun.plan.internal.model.Composition> legacyCompositions(Warnings warnings) {
        if (configDir == null) {
            return Map.of();
        }
        Path display = configDir.startsWith(root) ? root.relativize(configDir) : configDir;
        return LegacyConfigDir.load(configDir, display.toString().isEmpty() ? Path.of(".") : display, warnings);
    }

    /**
     * The digest each source read so far resolved to, by source name: the OCI manifest digest, the
     * archive file's SHA-256, or for a directory the SHA-256 over each file (sorted by path) as
     * {@code path + "\n" + content + "\n"}, the Go planner's definition.
     */
    public synchronized Map<String, String> resolvedDigests() {
        return Map.copyOf(resolvedDigests);
    }

    /** Notices for the user, e.g. a tag served from the cache because the registry was unreachable. */
    public List<String> notices() {
        return oci.notices();
    }

    SourceTree tree(CompositionSourceDecl source) {
        if (source.kind().equals("oci")) {
            return ociTree(source);
        }
        Path path = root.resolve(source.path()).normalize();
        Path display = root.relativize(path).normalize();
        if (display.toString().isEmpty()) {
            display = Path.of(".");
        }
        if (source.kind().equals("dir")) {
            if (!Files.isDirectory(path)) {
                throw InvalidInputException.at(intentFile, source.line(), "composition source \""
                        + source.name() + "\": directory " + source.path() + " does not exist");
            }
            DirTree tree = new DirTree(path, display);
            record(source, SourceDigests.ofDirectory(path, tree.files()));
            return tree;
        }
        if (!Files.isRegularFile(path)) {
            throw InvalidInputException.at(intentFile, source.line(), "composition source \""
                    + source.name() + "\": archive " + source.path() + " does not exist");
        }
        record(source, SourceDigests.ofFile(path));
        return ArchiveTree.read(path, display);
    }

    private synchronized void record(CompositionSourceDecl source, String digest) {
        resolvedDigests.put(source.name(), digest);
    }

    private SourceTree ociTree(CompositionSourceDecl source) {
        OciSources.Resolved resolved;
        try {
            resolved = oci.resolve(source.ref(), source.digest());
        } catch (OciException | UncheckedIOException e) {
            throw InvalidInputException.at(intentFile, source.line(), "composition source \"" + source.name()
                    + "\": " + e.getMessage());
        }
        record(source, resolved.manifestDigest());
        String shortDigest = resolved.manifestDigest().substring("sha256:".length(), "sha256:".length() + 12);
        Path display = Path.of(resolved.reference().host().replace(':', '_') + "/" + resolved.reference().repository()
                + "@sha256_" + shortDigest);
        return ArchiveTree.read(resolved.layer(), display);
    }
}
