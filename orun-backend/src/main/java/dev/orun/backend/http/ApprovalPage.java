package dev.orun.backend.http;

import dev.orun.backend.auth.AuthException;
import dev.orun.backend.auth.CliLoginService;
import dev.orun.backend.auth.Principal;
import dev.orun.backend.auth.TokenService;
import dev.orun.backend.service.ApiException;
import dev.orun.backend.store.Scope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The minimal page at a login's {@code authorizeUrl}: an administrator enters the project and an
 * admin token and approves the pending CLI login. Without a valid admin token nothing changes.
 */
final class ApprovalPage {
  private final CliLoginService logins;
  private final TokenService tokens;

  ApprovalPage(CliLoginService logins, TokenService tokens) {
    this.logins = logins;
    this.tokens = tokens;
  }

  void register(RoutesConfig r) {
    r.get("/v1/auth/cli/authorize", this::show);
    r.post("/v1/auth/cli/authorize", this::approve);
  }

  private void show(Context ctx) {
    String code = safeCode(ctx.queryParam("code"));
    page(ctx, 200, "<h1>Approve an orun CLI login</h1>"
        + "<p>Check that the code below is the one your terminal shows.</p>"
        + "<form method=\"post\">"
        + "<label>Code <input name=\"code\" value=\"" + code + "\" required></label><br>"
        + "<label>Organization <input name=\"org\" required></label><br>"
        + "<label>Project <input name=\"project\" required></label><br>"
        + "<label>Admin token <input name=\"adminToken\" type=\"password\" required></label><br>"
        + "<button type=\"submit\">Approve</button></form>");
  }

  private void approve(Context ctx) {
    String code = ctx.formParam("code");
    Principal p;
    try {
      p = tokens.authenticate("Bearer " + nullToEmpty(ctx.formParam("adminToken")));
    } catch (AuthException e) {
      page(ctx, 403, "<h1>Not approved</h1><p>An admin token is required.</p>");
      return;
    }
    if (!Principal.ADMIN.equals(p.kind())) {
      page(ctx, 403, "<h1>Not approved</h1><p>An admin token is required.</p>");
      return;
    }
    try {
      logins.approve(code, new Scope(nullToEmpty(ctx.formParam("org")), nullToEmpty(ctx.formParam("project"))));
    } catch (ApiException e) {
      page(ctx, e.status(), "<h1>Not approved</h1><p>" + escape(e.getMessage()) + "</p>");
      return;
    }
    page(ctx, 200, "<h1>Approved</h1><p>Login " + safeCode(code) + " may now finish in your terminal.</p>");
  }

  private static void page(Context ctx, int status, String body) {
    ctx.status(status).contentType("text/html; charset=utf-8")
        .header("Content-Security-Policy", "default-src 'none'; form-action 'self'")
        .result("<!doctype html><html><head><meta charset=\"utf-8\"><title>orun login</title></head><body>"
            + body + "</body></html>");
  }

  private static String safeCode(String code) {
    return code != null && code.matches("[A-Za-z0-9-]{1,16}") ? code : "";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
