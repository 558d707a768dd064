package dev.orun.runner.gha.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Uploads an artifact through GitHub Actions' results API (artifacts v4), the way
 * {@code actions/upload-artifact} does: {@code CreateArtifact} (Twirp, JSON) returns a signed
 * upload URL, the zip is PUT there as a block blob, {@code FinalizeArtifact} records its size and
 * SHA-256. The run and job ids the API wants come from the {@code Actions.Results:<run>:<job>}
 * scope inside {@code ACTIONS_RUNTIME_TOKEN} (a JWT). See {@code docs/decisions/gha-artifacts.md}.
 */
public final class ActionsArtifactClient {

    private static final String SERVICE = "twirp/github.actions.results.api.v1.ArtifactService/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI resultsUrl;
    private final String token;
    private final String runId;
    private final String jobId;
    private final HttpClient http;

    private ActionsArtifactClient(URI resultsUrl, String token, String runId, String jobId) {
        this.resultsUrl = resultsUrl;
        this.token = token;
        this.runId = runId;
        this.jobId = jobId;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * A client from {@code ACTIONS_RESULTS_URL} and {@code ACTIONS_RUNTIME_TOKEN}; fails with a
     * one-line reason when they are missing or the token carries no results scope.
     */
    public static ActionsArtifactClient fromEnvironment(Map<String, String> env) throws ArtifactException {
        String url = env.get("ACTIONS_RESULTS_URL");
        String token = env.get("ACTIONS_RUNTIME_TOKEN");
        if (url == null || url.isBlank() || token == null || token.isBlank()) {
            throw new ArtifactException("--artifact github needs ACTIONS_RESULTS_URL and "
                    + "ACTIONS_RUNTIME_TOKEN (set by GitHub Actions for run steps)");
        }
        String[] ids = backendIds(token);
        return new ActionsArtifactClient(URI.create(url.endsWith("/") ? url : url + "/"), token,
                ids[0], ids[1]);
    }

    /** Uploads {@code files} (entry name → content) as one zip artifact; returns its id. */
    public String upload(String name, Map<String, byte[]> files) throws ArtifactException {
        byte[] zip = zip(files);
        ObjectNode create = JSON.createObjectNode()
                .put("workflow_run_backend_id", runId)
                .put("workflow_job_run_backend_id", jobId)
                .put("name", name)
                .put("version", 4);
        JsonNode created = call("CreateArtifact", create);
        String signed = created.path("signed_upload_url").asText("");
        if (!created.path("ok").asBoolean(false) || signed.isEmpty()) {
            throw new ArtifactException("CreateArtifact refused " + name);
        }
        put(URI.create(signed), zip);
        ObjectNode finish = JSON.createObjectNode()
                .put("workflow_run_backend_id", runId)
                .put("workflow_job_run_backend_id", jobId)
                .put("name", name)
                .put("size", Long.toString(zip.length))
                .put("hash", "sha256:" + sha256(zip));
        JsonNode finalized = call("FinalizeArtifact", finish);
        if (!finalized.path("ok").asBoolean(false)) {
            throw new ArtifactException("FinalizeArtifact refused " + name);
        }
        return finalized.path("artifact_id").asText("");
    }

    private JsonNode call(String method, ObjectNode body) throws ArtifactException {
        HttpRequest request = HttpRequest.newBuilder(resultsUrl.resolve(SERVICE + method))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("User-Agent", "orun")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = send(request, method);
        if (response.statusCode() != 200) {
            throw new ArtifactException(method + " answered HTTP " + response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ArtifactException(method + " answered something that is not JSON");
        }
    }

    private void put(URI signed, byte[] zip) throws ArtifactException {
        HttpRequest request = HttpRequest.newBuilder(signed).timeout(Duration.ofMinutes(5))
                .header("x-ms-blob-type", "BlockBlob")
                .header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zip)).build();
        HttpResponse<String> response = send(request, "upload");
        if (response.statusCode() / 100 != 2) {
            throw new ArtifactException("upload to the signed URL answered HTTP " + response.statusCode());
        }
    }

    private HttpResponse<String> send(HttpRequest request, String what) throws ArtifactException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ArtifactException(what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactException(what + ": interrupted");
        }
    }

    /** The run and job backend ids from the token's {@code scp} claim. */
    static String[] backendIds(String token) throws ArtifactException {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            throw new ArtifactException("ACTIONS_RUNTIME_TOKEN is not a JWT");
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            for (String scope : claims.path("scp").asText("").split(" ")) {
                String[] pieces = scope.split(":");
                if (pieces.length == 3 && pieces[0].equals("Actions.Results")) {
                    return new String[] {pieces[1], pieces[2]};
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ArtifactException("ACTIONS_RUNTIME_TOKEN has an unreadable payload");
        }
        throw new ArtifactException("ACTIONS_RUNTIME_TOKEN has no Actions.Results scope");
    }

    private static byte[] zip(Map<String, byte[]> files) throws ArtifactException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(files).entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTime(0); // same content, same bytes
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new ArtifactException("cannot zip the artifact: " + e.getMessage());
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why an upload did not happen; one line, never containing the token. */
    public static final class ArtifactException extends Exception {
        public ArtifactException(String message) {
            super(message);
        }
    }
}
