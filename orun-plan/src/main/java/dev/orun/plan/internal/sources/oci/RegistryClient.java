package dev.orun.plan.internal.sources.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads manifests and blobs with the OCI distribution API. Anonymous first; on {@code 401} it
 * answers the {@code WWW-Authenticate} challenge: {@code Bearer} fetches a token from the realm
 * (with Docker config.json credentials when there are some), {@code Basic} sends those
 * credentials. Transient failures (connection errors, 429, 5xx) are retried three times. Blob
 * redirects are followed by hand so credentials never travel to another host.
 */
final class RegistryClient {

    private static final int ATTEMPTS = 3;
    private static final long MAX_MANIFEST_BYTES = 4L * 1024 * 1024;
    private static final long MAX_BLOB_BYTES = 64L * 1024 * 1024;
    private static final int MAX_REDIRECTS = 5;

    private final OciReference ref;
    private final Optional<String> basic;
    private final HttpClient http;
    private final Duration backoff;
    private String authorization;

    RegistryClient(OciReference ref, Optional<String> basic, Duration backoff) {
        this.ref = ref;
        this.basic = basic;
        this.backoff = backoff;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The manifest for a tag or digest, its digest computed from the bytes received. */
    Manifest manifest(String reference) {
        URI uri = URI.create(ref.baseUrl() + "/v2/" + ref.repository() + "/manifests/" + reference);
        HttpResponse<byte[]> response = send(uri, true, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw statusError("manifest " + reference, response.statusCode());
        }
        byte[] body = response.body();
        if (body.length > MAX_MANIFEST_BYTES) {
            throw new OciException("manifest " + reference + " is larger than 4 MiB");
        }
        String digest = Digests.sha256(body);
        if (reference.startsWith("sha256:") && !reference.equals(digest)) {
            throw new OciException("digest mismatch: asked for manifest " + reference + ", received content with digest " + digest);
        }
        String announced = response.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (announced != null && announced.startsWith("sha256:") && !announced.equals(digest)) {
            throw new OciException("digest mismatch: registry announced " + announced + " for " + reference
                    + ", content has digest " + digest);
        }
        return Manifest.parse(digest, response.headers().firstValue("Content-Type").orElse(null), body);
    }

    /** Downloads a blob to {@code target} (replaced atomically) after checking its digest. */
    void blob(String digest, Path target) {
        URI uri = URI.create(ref.baseUrl() + "/v2/" + ref.repository() + "/blobs/" + digest);
        boolean sameHost = true;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> response = send(uri, sameHost, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
                close(response.body());
                URI next = uri.resolve(response.headers().firstValue("Location").get());
                sameHost = sameHost && next.getHost() != null && next.getHost().equals(uri.getHost())
                        && next.getPort() == uri.getPort();
                uri = next;
                continue;
            }
            if (status != 200) {
                close(response.body());
                throw statusError("blob " + digest, status);
            }
            save(response.body(), digest, target);
            return;
        }
        throw new OciException("blob " + digest + ": more than " + MAX_REDIRECTS + " redirects");
    }

    private void save(InputStream body, String digest, Path target) {
        Path temp = null;
        try (DigestInputStream in = Digests.sha256Stream(body)) {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), ".download-", ".tmp");
            long total = 0;
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                    if (total > MAX_BLOB_BYTES) {
                        throw new OciException("blob " + digest + " is larger than 64 MiB");
                    }
                    out.write(buffer, 0, n);
                }
            }
            String actual = Digests.hex(in.getMessageDigest());
            if (!actual.equals(digest)) {
                throw new OciException("digest mismatch: blob " + digest + " has content with digest " + actual);
            }
            Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException e) {
            throw new OciException.Unreachable("reading blob " + digest + " from " + ref.host() + " failed: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: a stray temp file in the cache is harmless
                }
            }
        }
    }

    /** Sends a GET, answering one authentication challenge and retrying transient failures. */
    private <T> HttpResponse<T> send(URI uri, boolean withAuth, HttpResponse.BodyHandler<T> handler) {
        HttpResponse<T> response = sendWithRetries(uri, withAuth ? authorization : null, handler);
        if (response.statusCode() == 401 && withAuth) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
            closeIfStream(response);
            authorization = authorize(AuthChallenge.parse(challenge).orElseThrow(() -> new OciException(
                    "registry " + ref.host() + " answered 401 without a WWW-Authenticate challenge")));
            response = sendWithRetries(uri, authorization, handler);
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                closeIfStream(response);
                throw new OciException("registry " + ref.host() + " refused access to " + ref.repository()
                        + (basic.isPresent() ? " with the credentials from Docker config.json" : " (no credentials for "
                        + ref.host() + " in Docker config.json)"));
            }
        }
        return response;
    }

    private String authorize(AuthChallenge challenge) {
        if (challenge.basic()) {
            return basic.orElseThrow(() -> new OciException("registry " + ref.host()
                    + " requires credentials and Docker config.json has none for it"));
        }
        if (!challenge.bearer() || !challenge.params().containsKey("realm")) {
            throw new OciException("registry " + ref.host() + " asked for unsupported authentication \"" + challenge.scheme() + "\"");
        }
        String scope = challenge.params().getOrDefault("scope", "repository:" + ref.repository() + ":pull");
        StringBuilder url = new StringBuilder(challenge.params().get("realm"));
        url.append(url.indexOf("?") < 0 ? '?' : '&').append("scope=").append(encode(scope));
        if (challenge.params().containsKey("service")) {
            url.append("&service=").append(encode(challenge.params().get("service")));
        }
        URI tokenUri = URI.create(url.toString());
        HttpResponse<byte[]> response = sendWithRetries(tokenUri, basic.orElse(null), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new OciException("token service " + tokenUri.getHost() + " answered HTTP " + response.statusCode());
        }
        try {
            JsonNode json = new ObjectMapper().readTree(response.body());
            String token = json.path("token").asText(json.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new OciException("token service " + tokenUri.getHost() + " returned no token");
            }
            return "Bearer " + token;
        } catch (IOException e) {
            throw new OciException("token service " + tokenUri.getHost() + " returned invalid JSON");
        }
    }

    private <T> HttpResponse<T> sendWithRetries(URI uri, String auth, HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET()
                .header("Accept", String.join(", ", Manifest.OCI_IMAGE, Manifest.OCI_ARTIFACT, Manifest.DOCKER_V2))
                .header("User-Agent", "orun");
        if (auth != null) {
            request.header("Authorization", auth);
        }
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<T> response = http.send(request.build(), handler);
                int status = response.statusCode();
                if ((status == 429 || status >= 500) && attempt < ATTEMPTS) {
                    closeIfStream(response);
                    pause(attempt);
                    continue;
                }
                return response;
            } catch (IOException e) {
                last = e;
                if (attempt < ATTEMPTS) {
                    pause(attempt);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OciException.Unreachable("interrupted while contacting " + uri.getHost(), e);
            }
        }
        String reason = last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage();
        throw new OciException.Unreachable("registry " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + " is unreachable (" + reason + ")", last);
    }

    private OciException statusError(String what, int status) {
        if (status == 404) {
            return new OciException(what + " not found in " + ref.host() + "/" + ref.repository());
        }
        if (status == 429 || status >= 500) {
            return new OciException.Unreachable("registry " + ref.host() + " answered HTTP " + status + " for " + what, null);
        }
        return new OciException("registry " + ref.host() + " answered HTTP " + status + " for " + what);
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(backoff.toMillis() * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void closeIfStream(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            close(in);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the response is abandoned anyway
        }
    }
}
