package dev.orun.backend.http;

import dev.orun.backend.auth.CliLoginService;
import dev.orun.backend.auth.OidcExchangeService;
import dev.orun.backend.config.Limits;
import dev.orun.backend.service.ApiException;
import dev.orun.remote.protocol.CliStartRequest;
import dev.orun.remote.protocol.CliTokenRequest;
import dev.orun.remote.protocol.DevicePollRequest;
import dev.orun.remote.protocol.OidcExchangeRequest;
import dev.orun.remote.protocol.RevokeRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** {@code /v1/auth/...}: OIDC exchange and the CLI login flows. Unscoped, bodies flat. */
final class AuthRoutes {
  private final OidcExchangeService oidc;
  private final CliLoginService logins;
  private final Limits limits;
  private final String publicUrl;

  AuthRoutes(OidcExchangeService oidc, CliLoginService logins, Limits limits, String publicUrl) {
    this.oidc = oidc;
    this.logins = logins;
    this.limits = limits;
    this.publicUrl = publicUrl;
  }

  void register(RoutesConfig r) {
    r.post("/v1/auth/oidc/exchange", this::exchange);
    r.post("/v1/auth/cli/start", ctx -> Http.flat(ctx, 200, logins.startBrowser(host(ctx), baseUrl(ctx))));
    r.post("/v1/auth/cli/device/start", ctx -> Http.flat(ctx, 200, logins.startDevice(host(ctx), baseUrl(ctx))));
    r.post("/v1/auth/cli/device/poll", ctx -> Http.flat(ctx, 200, logins.pollDevice(
        Http.json(ctx, limits.maxJsonBodyBytes(), DevicePollRequest.class).deviceCode())));
    r.post("/v1/auth/cli/token", this::token);
    r.post("/v1/auth/cli/revoke", ctx -> {
      logins.revoke(Http.json(ctx, limits.maxJsonBodyBytes(), RevokeRequest.class).refreshToken());
      Http.flat(ctx, 200, Map.of("revoked", true));
    });
  }

  private void exchange(Context ctx) {
    Access.checkContractVersion(ctx);
    OidcExchangeRequest req = Http.json(ctx, limits.maxJsonBodyBytes(), OidcExchangeRequest.class);
    Http.flat(ctx, 200, oidc.exchange(req.token(), req.org()));
  }

  private void token(Context ctx) {
    CliTokenRequest req = Http.json(ctx, limits.maxJsonBodyBytes(), CliTokenRequest.class);
    if (CliTokenRequest.CLI_CODE.equals(req.grantType())) {
      Http.flat(ctx, 200, logins.redeemCliCode(req.cliCode()));
    } else if (CliTokenRequest.REFRESH_TOKEN.equals(req.grantType())) {
      Http.flat(ctx, 200, logins.refresh(req.refreshToken()));
    } else {
      throw ApiException.invalid("grantType", "must be cli_code or refresh_token");
    }
  }

  private String host(Context ctx) {
    byte[] body = Http.body(ctx, limits.maxJsonBodyBytes(), "request body");
    if (body.length == 0) {
      return null;
    }
    try {
      return dev.orun.backend.Json.MAPPER.readValue(body, CliStartRequest.class).host();
    } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
      throw ApiException.invalid(e.getPropertyName(), "unknown field");
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("malformed JSON");
    }
  }

  /** The URL people open: {@code --public-url} when set, else where this request arrived. */
  private String baseUrl(Context ctx) {
    if (publicUrl != null && !publicUrl.isBlank()) {
      return publicUrl.replaceAll("/+$", "");
    }
    return ctx.scheme() + "://" + ctx.host();
  }
}
