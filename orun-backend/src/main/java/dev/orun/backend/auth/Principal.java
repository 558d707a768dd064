package dev.orun.backend.auth;

import dev.orun.backend.store.Scope;

/**
 * An authenticated bearer: its kind ({@code api}, {@code workflow}, {@code session} or
 * {@code admin}) and, except for admin tokens, the one (org, project) it may act in.
 */
public record Principal(String tokenId, String kind, Scope scope) {
  public static final String API = "api";
  public static final String WORKFLOW = "workflow";
  public static final String SESSION = "session";
  public static final String ADMIN = "admin";

  /** True when this principal may read and write state in {@code s}. */
  public boolean mayAccess(Scope s) {
    return scope != null && !kind.equals(ADMIN) && scope.equals(s);
  }
}
