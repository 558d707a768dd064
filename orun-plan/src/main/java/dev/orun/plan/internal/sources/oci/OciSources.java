package dev.orun.plan.internal.sources.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code kind: oci} composition sources to a verified package layer in the cache (see
 * {@code docs/decisions/oci-composition-sources.md}). A digest (in the reference or pinned with
 * {@code digest:}) that is cached needs no network. A tag is resolved online; when the registry
 * is unreachable the digest it last resolved to is used, with a notice. One instance serves one
 * load, so a source read twice (presets, then compositions) is pulled and resolved once.
 */
public final class OciSources {

    /** A source resolved to its manifest digest and the cached layer holding the package. */
    public record Resolved(OciReference reference, String manifestDigest, Path layer) {
    }

    private final OciCache cache;
    private final Map<String, String> env;
    private final Duration backoff;
    private final Map<String, Resolved> resolved = new HashMap<>();
    private final List<String> notices = new ArrayList<>();

    public OciSources(Map<String, String> env) {
        this(OciCache.fromEnvironment(env), env, Duration.ofMillis(250));
    }

    public OciSources(OciCache cache, Map<String, String> env, Duration backoff) {
        this.cache = cache;
        this.env = Map.copyOf(env);
        this.backoff = backoff;
    }

    /** Notices for the user (offline fallbacks), in the order they happened. */
    public List<String> notices() {
        return List.copyOf(notices);
    }

    /**
     * @param refText the {@code ref} field
     * @param pinned  the {@code digest} field, or null
     * @throws OciException with a one-line reason
     */
    public synchronized Resolved resolve(String refText, String pinned) {
        String key = refText + "|" + pinned;
        Resolved known = resolved.get(key);
        if (known == null) {
            known = resolveFresh(OciReference.parse(refText), pinned);
            resolved.put(key, known);
        }
        return known;
    }

    private Resolved resolveFresh(OciReference ref, String pinned) {
        if (pinned != null && !OciReference.DIGEST.matcher(pinned).matches()) {
            throw new OciException("digest \"" + pinned + "\" must be sha256:<64 lower-case hex>");
        }
        if (pinned != null && ref.digest() != null && !pinned.equals(ref.digest())) {
            throw new OciException("digest mismatch: digest pins " + pinned + " but the reference names " + ref.digest());
        }
        String wanted = ref.digest() != null ? ref.digest() : pinned;
        if (wanted != null) {
            Optional<Resolved> cached = fromCache(ref, wanted);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        RegistryClient client = new RegistryClient(ref, DockerCredentials.basicFor(ref.host(), env), backoff);
        Manifest manifest;
        try {
            manifest = client.manifest(ref.digest() != null ? ref.digest() : ref.tag());
        } catch (OciException.Unreachable e) {
            return offlineFallback(ref, wanted, e);
        }
        if (wanted != null && !wanted.equals(manifest.digest())) {
            throw new OciException("digest mismatch: " + ref + " resolved to " + manifest.digest() + " but digest pins " + wanted);
        }
        cache.putBlob(manifest.digest(), manifest.body());
        if (ref.tag() != null) {
            cache.recordTag(ref, manifest.digest());
        }
        Manifest.Layer layer = manifest.packageLayer();
        Path layerPath = cache.verifiedBlob(layer.digest()).orElse(null);
        if (layerPath == null) {
            client.blob(layer.digest(), cache.blobPath(layer.digest()));
            layerPath = cache.blobPath(layer.digest());
        }
        return new Resolved(ref, manifest.digest(), layerPath);
    }

    private Resolved offlineFallback(OciReference ref, String wanted, OciException.Unreachable cause) {
        if (wanted == null && ref.tag() != null) {
            Optional<String> last = cache.lastResolved(ref);
            Optional<Resolved> cached = last.flatMap(digest -> fromCache(ref, digest));
            if (cached.isPresent()) {
                notices.add(cause.getMessage() + "; using " + ref + " as last resolved: " + last.get() + " (cached)");
                return cached.get();
            }
        }
        throw new OciException(cause.getMessage() + " and " + ref + " is not in the cache " + cache.root());
    }

    private Optional<Resolved> fromCache(OciReference ref, String manifestDigest) {
        Optional<Path> manifestPath = cache.verifiedBlob(manifestDigest);
        if (manifestPath.isEmpty()) {
            return Optional.empty();
        }
        byte[] body;
        try {
            body = Files.readAllBytes(manifestPath.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Manifest manifest = Manifest.parse(manifestDigest, null, body);
        return cache.verifiedBlob(manifest.packageLayer().digest())
                .map(layer -> new Resolved(ref, manifestDigest, layer));
    }
}
