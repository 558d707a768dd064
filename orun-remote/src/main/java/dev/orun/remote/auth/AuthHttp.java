package dev.orun.remote.auth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.remote.client.RemoteApiException;
import dev.orun.remote.http.HttpClients;
import dev.orun.remote.protocol.ContractVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * JSON POSTs to a backend's unscoped {@code /v1/auth/...} endpoints. Answers come back whole
 * (status, body, error code) for the flows to interpret; only transport failures throw. Request
 * bodies carry secrets, so no message here ever quotes one.
 */
final class AuthHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String backendUrl;
    // built at the first request: a session whose token is still fresh never sends one
    private HttpClient http;

    AuthHttp(String backendUrl) {
        this.backendUrl = BackendUrls.normalise(backendUrl);
    }

    String backendUrl() {
        return backendUrl;
    }

    /** A backend answer: status, JSON body ({@code data} unwrapped), error code and message when it failed. */
    record Answer(int status, JsonNode body, String code, String message, Optional<Duration> retryAfter) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        <T> T as(Class<T> type) {
            try {
                return CredentialStore.JSON.treeToValue(body, type);
            } catch (JacksonException | IllegalArgumentException e) {
                throw new RemoteApiException(status, "bad_response", "unreadable answer from the backend ("
                        + type.getSimpleName() + ")");
            }
        }

        /** The error as one line naming the call, never the request's secrets. */
        RemoteApiException error(String what) {
            return new RemoteApiException(status, code, what + ": backend answered " + status + " " + code
                    + (message == null || message.isBlank() ? "" : " (" + message + ")"));
        }
    }

    Answer post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(backendUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json(body))), path);
    }

    /** Sends an already-built request (the GitHub ID-token GET goes through here too). */
    Answer send(HttpRequest.Builder request, String what) {
        HttpRequest built = request.timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("User-Agent", "orun-cli")
                .header(ContractVersion.HEADER, Integer.toString(ContractVersion.REST))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client().send(built, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RemoteApiException(0, "transport", "cannot reach " + built.uri().getScheme() + "://"
                    + built.uri().getAuthority() + " for " + what + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteApiException(0, "interrupted", "interrupted while calling " + what);
        }
        return answer(response);
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClients.forUrl(backendUrl, Duration.ofSeconds(5));
        }
        return http;
    }

    private static Answer answer(HttpResponse<byte[]> response) {
        JsonNode node;
        try {
            node = response.body().length == 0 ? null : CredentialStore.JSON.readTree(response.body());
        } catch (IOException e) {
            node = null;
        }
        if (node != null && node.has("data") && node.get("data").isObject()) {
            node = node.get("data");
        }
        int status = response.statusCode();
        String code = null;
        String message = null;
        JsonNode err = node == null ? null : node.get("error");
        if (status >= 300 && err != null && err.isObject()) {
            code = err.path("code").asText(null);
            message = err.path("message").asText(null);
        } else if (status >= 300 && err != null && err.isTextual()) {
            code = err.asText();
        }
        if (status >= 300 && code == null) {
            code = switch (status) {
                case 400 -> "invalid_request";
                case 401 -> "unauthorized";
                case 403 -> "forbidden";
                case 404 -> "not_found";
                case 410 -> "expired";
                case 429 -> "rate_limited";
                default -> "internal_error";
            };
        }
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(AuthHttp::seconds);
        return new Answer(status, node, code == null ? null : code.toLowerCase(Locale.ROOT), message, retryAfter);
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Math.min(Long.parseLong(header.trim()), 60))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static byte[] json(Object body) {
        try {
            return CredentialStore.JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
        }
    }
}
