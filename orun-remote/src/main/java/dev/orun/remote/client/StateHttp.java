package dev.orun.remote.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.orun.remote.http.HttpClients;
import dev.orun.remote.protocol.ContractVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * HTTP to one state server scope ({@code …/v1/organizations/{org}/projects/{project}/state}).
 * Every request has a timeout; idempotent calls are retried with exponential backoff and jitter on
 * transport errors, 5xx and 429 (honouring {@code Retry-After}), never on other 4xx: five attempts
 * while the server has never answered, and for up to two minutes once it has (a restart must not
 * fail the runners that share a run). Thread-safe.
 */
public final class StateHttp {
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 5;

    private final HttpClient http;
    private final String base;
    private static final Duration OUTAGE_BUDGET = Duration.ofMinutes(2);

    private final Supplier<String> token;
    private final Duration outageBudget;
    private volatile boolean answered;

    public StateHttp(String backendUrl, String org, String project, Supplier<String> token) {
        this(backendUrl, org, project, token, OUTAGE_BUDGET);
    }

    /**
     * {@code outageBudget}: how long idempotent calls keep retrying once the server has answered
     * at least once (transport errors, 5xx, 429), so a runner rides out a server restart.
     */
    public StateHttp(String backendUrl, String org, String project, Supplier<String> token, Duration outageBudget) {
        this.outageBudget = outageBudget;
        this.http = HttpClients.forUrl(backendUrl, Duration.ofSeconds(5));
        String root = backendUrl.endsWith("/") ? backendUrl.substring(0, backendUrl.length() - 1) : backendUrl;
        this.base = root + "/v1/organizations/" + segment(blankToLocal(org)) + "/projects/"
                + segment(blankToLocal(project)) + "/state";
        this.token = token;
    }

    /** The bearer token in use now (for masking job output; never printed). */
    java.util.List<String> credentialValues() {
        String bearer = token.get();
        return bearer == null || bearer.isBlank() ? java.util.List.of() : java.util.List.of(bearer);
    }

    /** A request: method, path under the scope, JSON body (or null), contract version, retry or not. */
    public record Call(String method, String path, Object body, int contract, boolean retry, Duration timeout) {
        public static Call get(String path, int contract) {
            return new Call("GET", path, null, contract, true, REQUEST_TIMEOUT);
        }

        public static Call post(String path, Object body, int contract, boolean retry) {
            return new Call("POST", path, body, contract, retry, REQUEST_TIMEOUT);
        }

        public Call timeout(Duration value) {
            return new Call(method, path, body, contract, retry, value);
        }
    }

    /** Sends a JSON call and decodes the (possibly {@code data}-wrapped) answer. */
    public <T> T json(Call call, Class<T> type) {
        byte[] body = call.body() == null ? null : write(call.body());
        HttpResponse<byte[]> response = send(call, body, "application/json", null);
        try {
            return decode(response.body(), type);
        } catch (IOException e) {
            throw new RemoteApiException(response.statusCode(), "bad_response",
                    "unreadable answer from " + call.path() + ": " + e.getMessage());
        }
    }

    /**
     * An answer as {@code type}: the answers a runner reads most are read by {@link WireReader}
     * (no data binding, the same result), everything else, and anything it does not expect, by
     * {@link #bind}.
     */
    static <T> T decode(byte[] answer, Class<T> type) throws IOException {
        T read = WireReader.read(JSON.getFactory(), answer, type);
        return read != null ? read : bind(answer, type);
    }

    /** An answer as {@code type} by data binding, unwrapping a {@code data} envelope of at most two fields. */
    static <T> T bind(byte[] answer, Class<T> type) throws IOException {
        JsonNode node = JSON.readTree(answer);
        if (node != null && node.has("data") && node.size() <= 2) {
            node = node.get("data");
        }
        return JSON.treeToValue(node, type);
    }

    /** PUTs raw bytes as an object of {@code kind}. */
    public void putObject(String path, byte[] bytes, String kind) {
        send(new Call("PUT", path, null, ContractVersion.REST, true, Duration.ofSeconds(60)), bytes,
                "application/octet-stream", kind);
    }

    /** GETs raw bytes; empty when the server has none (404). */
    public Optional<byte[]> getBytes(String path) {
        try {
            return Optional.of(send(Call.get(path, ContractVersion.REST), null, null, null).body());
        } catch (RemoteApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private HttpResponse<byte[]> send(Call call, byte[] body, String contentType, String objectKind) {
        int attempts = call.retry() ? ATTEMPTS : 1;
        // a server that answered before is given time to come back (a restart, a failover); one
        // that never answered (a wrong URL) is given up on after the usual attempts
        boolean rideOut = answered && call.retry();
        long outageDeadline = System.nanoTime() + outageBudget.toNanos();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts || rideOut && System.nanoTime() - outageDeadline < 0; attempt++) {
            Duration retryAfter = null;
            try {
                HttpResponse<byte[]> response = http.send(request(call, body, contentType, objectKind),
                        HttpResponse.BodyHandlers.ofByteArray());
                answered = true;
                if (response.statusCode() < 300) {
                    return response;
                }
                RemoteApiException error = error(call, response);
                if (!error.retryable()) {
                    throw error;
                }
                last = error;
                retryAfter = response.headers().firstValue("Retry-After").flatMap(StateHttp::seconds).orElse(null);
            } catch (IOException e) {
                last = new RemoteApiException(0, "transport", "cannot reach the state server at " + base
                        + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteApiException(0, "interrupted", "interrupted while calling the state server");
            }
            if (attempt < attempts || rideOut && System.nanoTime() - outageDeadline < 0) {
                sleep(retryAfter != null ? retryAfter : backoff(attempt));
            }
        }
        throw last;
    }

    private HttpRequest request(Call call, byte[] body, String contentType, String objectKind) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + call.path()))
                .timeout(call.timeout())
                .header(ContractVersion.HEADER, Integer.toString(call.contract()))
                .header("Accept", "application/json")
                .header("User-Agent", "orun-cli");
        String bearer = token.get();
        if (bearer != null && !bearer.isEmpty()) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (objectKind != null) {
            b.header(ContractVersion.OBJECT_KIND_HEADER, objectKind);
        }
        if (body != null) {
            b.header("Content-Type", contentType).method(call.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    /** The server's error envelope (nested or flat), never echoing the request's credentials. */
    private static RemoteApiException error(Call call, HttpResponse<byte[]> response) {
        String code = null;
        String message = null;
        try {
            JsonNode node = JSON.readTree(response.body());
            JsonNode err = node == null ? null : node.get("error");
            if (err != null && err.isObject()) {
                code = err.path("code").asText(null);
                message = err.path("message").asText(null);
            } else if (err != null && err.isTextual()) {
                message = err.asText();
                code = node.path("code").asText(null);
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: fall back to the status
        }
        int status = response.statusCode();
        if (code == null) {
            code = switch (status) {
                case 400 -> "invalid_request";
                case 401 -> "unauthorized";
                case 403 -> "forbidden";
                case 404 -> "not_found";
                case 409 -> "conflict";
                case 429 -> "rate_limited";
                default -> "internal_error";
            };
        }
        return new RemoteApiException(status, code.toLowerCase(java.util.Locale.ROOT),
                "state server answered " + status + " " + code + " to " + call.method() + " " + call.path()
                        + (message == null ? "" : ": " + message), message);
    }

    static Duration backoff(int attempt) {
        long base = Math.min(200L << (attempt - 1), 5_000L);
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Math.min(Long.parseLong(header.trim()), 60)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteApiException(0, "interrupted", "interrupted while waiting to retry");
        }
    }

    static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static String blankToLocal(String s) {
        return s == null || s.isBlank() ? "_local" : s;
    }

    /** Percent-encodes a path segment (everything but unreserved characters and {@code @}). */
    public static String segment(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
