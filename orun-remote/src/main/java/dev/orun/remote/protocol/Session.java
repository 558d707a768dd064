package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A CLI session: an access token, a single-use refresh token (rotated on every refresh) and the
 * (org, project) the session was approved for.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Session(
    String accessToken,
    Instant expiresAt,
    String refreshToken,
    Instant refreshExpiresAt,
    User user,
    List<Org> orgs,
    String projectId) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record User(String id, String email, String displayName) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Org(String id, String slug, String name, String role) {}
}
