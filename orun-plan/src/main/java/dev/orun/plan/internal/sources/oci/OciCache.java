package dev.orun.plan.internal.sources.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * The on-disk cache of pulled composition sources: manifests and layers by digest
 * ({@code blobs/sha256/<hex>}), and the digest each tag last resolved to
 * ({@code tags/<host>/<repository>/<tag>}). Every file is written to a temporary name and moved
 * into place, so a reader never sees half a blob; a blob whose content no longer matches its name
 * counts as absent. Location: {@code $ORUN_OCI_CACHE}, else {@code ~/.orun/cache/oci}.
 */
public final class OciCache {

    private final Path root;

    public OciCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static OciCache fromEnvironment(Map<String, String> env) {
        String explicit = env.get("ORUN_OCI_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return new OciCache(Path.of(explicit));
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new OciCache(Path.of(home, ".orun", "cache", "oci"));
    }

    public Path root() {
        return root;
    }

    /** Where the blob with this digest lives (whether or not it is there). */
    Path blobPath(String digest) {
        return root.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
    }

    /** The blob's path when the cache holds it with matching content. */
    Optional<Path> verifiedBlob(String digest) {
        Path path = blobPath(digest);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return digest.equals(Digests.sha256(Files.readAllBytes(path))) ? Optional.of(path) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void putBlob(String digest, byte[] content) {
        write(blobPath(digest), content);
    }

    /** The digest {@code ref}'s tag resolved to last time, if it was ever resolved here. */
    Optional<String> lastResolved(OciReference ref) {
        Path file = tagPath(ref);
        try {
            if (Files.isRegularFile(file)) {
                String digest = Files.readString(file, StandardCharsets.UTF_8).strip();
                return OciReference.DIGEST.matcher(digest).matches() ? Optional.of(digest) : Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    void recordTag(OciReference ref, String digest) {
        write(tagPath(ref), (digest + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private Path tagPath(OciReference ref) {
        // host, repository and tag follow the distribution grammar (no "..", no separators but '/'),
        // so they are safe path segments; ':' and brackets of host:port are replaced for portability
        String host = ref.host().replace(':', '_').replace("[", "").replace("]", "");
        return root.resolve("tags").resolve(host).resolve(ref.repository()).resolve(ref.tag());
    }

    private static void write(Path target, byte[] content) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".write-", ".tmp");
            try {
                Files.write(temp, content);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the OCI cache at " + target, e);
        }
    }
}
