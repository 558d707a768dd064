package dev.orun.runner.gha;

import dev.orun.core.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Downloads a remote action into the {@link ActionCache} through the GitHub REST API: the ref is
 * resolved to a commit ({@code GET /repos/{owner}/{repo}/commits/{ref}}), then the commit's
 * tarball is unpacked (first path component stripped; only files, directories and relative
 * symlinks that stay inside). {@code GITHUB_API_URL} overrides the API, {@code GITHUB_TOKEN}
 * authenticates. Every failure says how to seed the cache by hand instead.
 */
public final class ActionFetcher {

    private static final Pattern SHA_FIELD = Pattern.compile("\"sha\"\\s*:\\s*\"([0-9a-f]{40})\"");
    private final ActionCache cache;
    private final URI api;
    private final String token;
    private HttpClient http;

    public ActionFetcher(ActionCache cache, Map<String, String> env) {
        this.cache = cache;
        String url = env.getOrDefault("GITHUB_API_URL", "https://api.github.com");
        this.api = URI.create(url.endsWith("/") ? url : url + "/");
        this.token = env.get("GITHUB_TOKEN");
    }

    /** Created on first use: building an HTTP client loads TLS, which a run from cache never needs. */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    /** The cached action, fetching it first when the cache does not hold it. */
    public Path fetch(ActionRef ref) {
        return cache.find(ref).orElseGet(() -> download(ref));
    }

    private Path download(ActionRef ref) {
        try {
            String sha = ref.pinnedToCommit() ? ref.ref().toLowerCase(java.util.Locale.ROOT)
                    : resolveCommit(ref);
            URI tarball = api.resolve("repos/" + ref.owner() + "/" + ref.repo() + "/tarball/" + sha);
            HttpResponse<InputStream> response = http().send(request(tarball),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw failure(ref, "GET " + tarball + " answered HTTP " + response.statusCode());
            }
            try (InputStream body = response.body()) {
                return cache.store(ref, sha, dir -> unpack(body, dir));
            }
        } catch (IOException e) {
            throw failure(ref, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(ref, "interrupted");
        }
    }

    private String resolveCommit(ActionRef ref) throws IOException, InterruptedException {
        URI uri = api.resolve("repos/" + ref.owner() + "/" + ref.repo() + "/commits/"
                + java.net.URLEncoder.encode(ref.ref(), StandardCharsets.UTF_8));
        HttpResponse<String> response = http().send(request(uri), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw failure(ref, "GET " + uri + " answered HTTP " + response.statusCode());
        }
        Matcher m = SHA_FIELD.matcher(response.body());
        if (!m.find()) {
            throw failure(ref, "GET " + uri + " returned no commit sha");
        }
        return m.group(1);
    }

    private HttpRequest request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json").header("User-Agent", "orun");
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.GET().build();
    }

    private static void unpack(InputStream body, Path dir) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new BufferedInputStream(body)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path target = dir.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(dir)) {
                    continue; // an entry escaping the directory is ignored
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Path link = Path.of(entry.getLinkName());
                    if (!link.isAbsolute() && target.getParent().resolve(link).normalize().startsWith(dir)) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, link);
                    }
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    if ((entry.getMode() & 0100) != 0) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    private InvalidInputException failure(ActionRef ref, String reason) {
        return new InvalidInputException(advice(ref, "cannot fetch " + ref + " from " + api
                + " (" + reason + ")"));
    }

    /** The message for an action that is neither cached nor fetchable: what to run to seed it. */
    public static String advice(ActionRef ref, String problem) {
        return problem + "; seed the action cache on a machine with the action's files: "
                + "orun actions fetch " + ref + " (needs access to api.github.com), or "
                + "git clone https://github.com/" + ref.repository() + " DIR && git -C DIR checkout "
                + ref.ref() + " && orun actions import DIR " + ref;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException || e instanceof java.net.UnknownHostException
                || e instanceof java.net.http.HttpConnectTimeoutException) {
            return "no network: " + (message == null ? e.getClass().getSimpleName() : message);
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
