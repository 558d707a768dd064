package dev.orun.backend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client over loopback for tests: raw requests, JSON answers. */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .version(HttpClient.Version.HTTP_1_1).build();

  private final String base;
  private final String token;
  private final boolean freshConnections;

  public Api(String base, String token) {
    this(base, token, false);
  }

  private Api(String base, String token, boolean freshConnections) {
    this.base = base;
    this.token = token;
    this.freshConnections = freshConnections;
  }

  public Api withToken(String other) {
    return new Api(base, other, freshConnections);
  }

  /**
   * The same client, but each request on a connection of its own. Jetty answers a request it
   * refuses while parsing (a NUL or an undecodable sequence in the path) and then closes the
   * connection; a pooled client may already have sent the next request on it and sees an empty
   * reply. Tests that send such requests back to back use this so each answer is read.
   */
  public Api onFreshConnections() {
    return new Api(base, token, true);
  }

  public String base() {
    return base;
  }

  /** The state base path of a scope: {@code /v1/organizations/O/projects/P/state}. */
  public static String state(String org, String project) {
    return "/v1/organizations/" + org + "/projects/" + project + "/state";
  }

  public Response get(String path) {
    return send("GET", path, null, null);
  }

  public Response post(String path, String json) {
    return send("POST", path, json == null ? null : json.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  public Response put(String path, byte[] bytes) {
    return send("PUT", path, bytes, "application/octet-stream");
  }

  public Response send(String method, String path, byte[] body, String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpClient client = freshConnections ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1).build() : HTTP;
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response: status, raw bytes, and the body as JSON on demand. */
  public record Response(int status, byte[] bytes, String contentType) {
    public JsonNode json() {
      try {
        return JSON.readTree(bytes);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON (" + status + "): " + text(), e);
      }
    }

    /** Dialect A payload ({@code data}). */
    public JsonNode data() {
      return json().get("data");
    }

    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    public String errorCode() {
      JsonNode e = json().get("error");
      return e == null ? null : e.path("code").asText();
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }
}
