package dev.orun.backend.http;

import dev.orun.backend.auth.Principal;
import dev.orun.backend.auth.TokenService;
import dev.orun.backend.service.ApiException;
import dev.orun.backend.service.Caller;
import dev.orun.backend.service.Ids;
import dev.orun.backend.store.Scope;
import dev.orun.remote.protocol.ContractVersion;
import dev.orun.remote.protocol.ErrorCodes;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The gate of every {@code /state} route: contract version, bearer token, and the (org, project)
 * of the path. A token for another scope gets the same 404 as a run that does not exist, so a
 * caller cannot learn what other tenants have (docs/decisions/backend-auth.md).
 */
final class Access {
  private final TokenService tokens;

  Access(TokenService tokens) {
    this.tokens = tokens;
  }

  /** A request allowed to act in {@code scope} as {@code caller}. */
  record Granted(Scope scope, Caller caller) {}

  Granted state(Context ctx) {
    checkContractVersion(ctx);
    Principal p = tokens.authenticate(ctx.header("Authorization"));
    String org = ctx.pathParam("org");
    String project = ctx.pathParam("project");
    if (!Ids.isScopeSegment(org) || !Ids.isScopeSegment(project)) {
      throw ApiException.notFound("project");
    }
    Scope scope = new Scope(org, project);
    if (!p.mayAccess(scope)) {
      throw ApiException.notFound("project " + org + "/" + project);
    }
    return new Granted(scope, new Caller(p.tokenId(), p.kind()));
  }

  /** The supported contract majors, written in this order: {@code {"min":1,"max":2}}. */
  record Supported(int min, int max) {}

  static void checkContractVersion(Context ctx) {
    String v = ctx.header(ContractVersion.HEADER);
    if (v == null || v.isBlank()) {
      return;
    }
    int major;
    try {
      major = Integer.parseInt(v.trim().split("\\.")[0]);
    } catch (NumberFormatException e) {
      major = -1;
    }
    if (major < ContractVersion.MIN_SUPPORTED || major > ContractVersion.MAX_SUPPORTED) {
      throw new ApiException(409, ErrorCodes.CONTRACT_VERSION_UNSUPPORTED, "contract version " + v
          + " is not supported", Map.of("requested", v, "supported",
          new Supported(ContractVersion.MIN_SUPPORTED, ContractVersion.MAX_SUPPORTED)));
    }
  }
}
