package dev.orun.runner.gha.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback stand-in for GitHub's Actions results service (artifacts v4) speaking its protocol:
 * Twirp JSON {@code CreateArtifact}/{@code FinalizeArtifact} behind a bearer token whose
 * {@code scp} claim names the run and job, and a signed blob URL taking one {@code PUT}. Denies
 * by default: a wrong token is 401, a wrong run/job or unknown path 404, a bad signature 403,
 * a finalize whose size or hash does not match the uploaded blob 400.
 */
final class ResultsApiStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    final String token;
    private final String runId = "run-77";
    private final String jobId = "job-5";
    private final HttpServer server;
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, String> signatures = new ConcurrentHashMap<>();
    final Map<String, String> finalized = new ConcurrentHashMap<>();

    ResultsApiStandIn() throws IOException {
        String claims = "{\"scp\":\"Actions.GenericRead:x Actions.Results:" + runId + ":" + jobId + "\"}";
        token = b64("{\"alg\":\"none\"}") + "." + b64(claims) + ".sig";
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/blob/") && exchange.getRequestMethod().equals("PUT")) {
                upload(exchange, path.substring("/blob/".length()));
                return;
            }
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, "{\"code\":\"unauthenticated\"}");
                return;
            }
            String prefix = "/twirp/github.actions.results.api.v1.ArtifactService/";
            if (!path.startsWith(prefix) || !exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 404, "{\"code\":\"not_found\"}");
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            if (!runId.equals(body.path("workflow_run_backend_id").asText())
                    || !jobId.equals(body.path("workflow_job_run_backend_id").asText())) {
                reply(exchange, 404, "{\"code\":\"not_found\"}");
                return;
            }
            String name = body.path("name").asText();
            switch (path.substring(prefix.length())) {
                case "CreateArtifact" -> {
                    String sig = UUID.randomUUID().toString();
                    signatures.put(name, sig);
                    reply(exchange, 200, "{\"ok\":true,\"signed_upload_url\":\"" + url() + "blob/"
                            + name + "?sig=" + sig + "\"}");
                }
                case "FinalizeArtifact" -> finalizeArtifact(exchange, name, body);
                default -> reply(exchange, 404, "{\"code\":\"not_found\"}");
            }
        }
    }

    private void upload(HttpExchange exchange, String name) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String expected = signatures.get(name);
        if (expected == null || query == null || !query.equals("sig=" + expected)
                || !"BlockBlob".equals(exchange.getRequestHeaders().getFirst("x-ms-blob-type"))) {
            reply(exchange, 403, "");
            return;
        }
        blobs.put(name, exchange.getRequestBody().readAllBytes());
        reply(exchange, 201, "");
    }

    private void finalizeArtifact(HttpExchange exchange, String name, JsonNode body) throws IOException {
        byte[] blob = blobs.get(name);
        String hash;
        try {
            hash = blob == null ? "" : "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        if (blob == null || !body.path("size").asText().equals(Long.toString(blob.length))
                || !body.path("hash").asText().equals(hash)) {
            reply(exchange, 400, "{\"code\":\"invalid_argument\"}");
            return;
        }
        String id = Integer.toString(1000 + finalized.size());
        finalized.put(name, id);
        reply(exchange, 200, "{\"ok\":true,\"artifact_id\":\"" + id + "\"}");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
