package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The answer to a secrets resolve: {@code secrets} by key, what was resolved (key, version, scope;
 * never a value) and how long the caller may keep the values.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolveSecretsResponse(Map<String, String> secrets, List<Resolved> resolved, int ttlSeconds) {

  /** One resolved key: its stored version, {@code "project"} scope, never personal. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Resolved(String key, int version, String scope, boolean personal, String decisionId) {}

  /** Hides the values from anything that prints the record (a debugger, a log line). */
  @Override
  public String toString() {
    return "ResolveSecretsResponse[keys=" + (secrets == null ? List.of() : List.copyOf(secrets.keySet()))
        + ", resolved=" + resolved + ", ttlSeconds=" + ttlSeconds + "]";
  }
}
