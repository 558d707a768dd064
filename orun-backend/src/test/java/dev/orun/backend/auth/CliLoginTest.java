package dev.orun.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.backend.cli.BackendMain;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.MutableClock;
import dev.orun.backend.testing.RunningBackend;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code orun auth login}: device flow approved with {@code orun-backend auth approve}, browser
 * flow approved on the approval page with an admin token, rotating refresh tokens, revoke.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliLoginTest {
  private static final String STATE = Api.state("acme", "web");

  private H2TestDatabase database;
  private RunningBackend backend;
  private Api anonymous;

  @BeforeAll
  void start() {
    database = new H2TestDatabase();
    backend = new RunningBackend(database, new MutableClock());
    anonymous = backend.api(null);
  }

  @AfterAll
  void stop() {
    backend.close();
    database.close();
  }

  @Test
  void aDeviceLoginApprovedByTheAdminCommandYieldsASessionOnce() {
    JsonNode start = anonymous.post("/v1/auth/cli/device/start", "{\"host\":\"laptop\"}").json();
    String deviceCode = start.get("deviceCode").asText();
    String userCode = start.get("userCode").asText();
    assertThat(userCode).matches("[A-Z0-9]{4}-[A-Z0-9]{4}");
    assertThat(start.get("interval").asInt()).isEqualTo(5);
    assertThat(start.get("verificationUriComplete").asText()).isEqualTo(backend.url()
        + "/v1/auth/cli/authorize?code=" + userCode);
    String poll = "{\"deviceCode\":\"" + deviceCode + "\"}";
    JsonNode pending = anonymous.post("/v1/auth/cli/device/poll", poll).json();
    assertThat(pending.get("status").asText()).isEqualTo("pending");

    int code = BackendMain.run("auth", "approve", userCode.toLowerCase(), "--org", "acme", "--project", "web",
        "--database-url", database.jdbcUrl());
    assertThat(code).isZero();

    Api.Response done = anonymous.post("/v1/auth/cli/device/poll", poll);
    assertThat(done.status()).isEqualTo(200);
    JsonNode session = done.json().get("session");
    assertThat(done.json().get("status").asText()).isEqualTo("complete");
    assertThat(session.get("orgs").get(0).get("id").asText()).isEqualTo("acme");
    assertThat(session.get("projectId").asText()).isEqualTo("web");
    Api user = anonymous.withToken(session.get("accessToken").asText());
    assertThat(user.get(STATE + "/runs").status()).isEqualTo(200);
    assertThat(user.get(Api.state("acme", "other") + "/runs").status()).isEqualTo(404);

    Api.Response replay = anonymous.post("/v1/auth/cli/device/poll", poll);
    assertThat(replay.status()).as("a device code is redeemed once").isEqualTo(410);
    assertThat(replay.json().has("session")).isFalse();
  }

  @Test
  void approvingAnUnknownCodeFailsWithExitCode2() {
    int code = BackendMain.run("auth", "approve", "ZZZZ-ZZZZ", "--org", "acme", "--project", "web",
        "--database-url", database.jdbcUrl());
    assertThat(code).isEqualTo(2);
  }

  @Test
  void aBrowserLoginIsApprovedOnTheApprovalPageOnlyWithAnAdminToken() {
    JsonNode start = anonymous.post("/v1/auth/cli/start", "{\"host\":\"laptop\"}").json();
    String cliCode = start.get("cliCode").asText();
    String authorizeUrl = start.get("authorizeUrl").asText();
    String userCode = authorizeUrl.substring(authorizeUrl.indexOf("code=") + 5);
    String redeem = "{\"grantType\":\"cli_code\",\"cliCode\":\"" + cliCode + "\"}";
    Api.Response pending = anonymous.post("/v1/auth/cli/token", redeem);
    assertThat(pending.status()).isEqualTo(400);
    assertThat(pending.errorCode()).isEqualTo("authorization_pending");

    Api.Response page = anonymous.get(authorizeUrl.substring(backend.url().length()));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains(userCode).contains("Admin token");

    String apiToken = backend.token("acme", "web");
    assertThat(approve(userCode, apiToken).status()).as("a project token is not an admin token").isEqualTo(403);
    assertThat(approve(userCode, "nonsense").status()).isEqualTo(403);
    assertThat(anonymous.post("/v1/auth/cli/token", redeem).status()).isEqualTo(400);
    assertThat(approve(userCode, backend.adminToken()).status()).isEqualTo(200);

    Api.Response session = anonymous.post("/v1/auth/cli/token", redeem);
    assertThat(session.status()).isEqualTo(200);
    assertThat(anonymous.withToken(session.json().get("accessToken").asText()).get(STATE + "/runs").status())
        .isEqualTo(200);
    assertThat(anonymous.post("/v1/auth/cli/token", redeem).status()).isEqualTo(410);
  }

  @Test
  void refreshTokensRotateAndAReusedOneRevokesTheSession() {
    JsonNode first = login();
    String refresh1 = first.get("refreshToken").asText();
    JsonNode second = anonymous.post("/v1/auth/cli/token",
        "{\"grantType\":\"refresh_token\",\"refreshToken\":\"" + refresh1 + "\"}").json();
    String refresh2 = second.get("refreshToken").asText();
    assertThat(refresh2).isNotEqualTo(refresh1);
    Api current = anonymous.withToken(second.get("accessToken").asText());
    assertThat(current.get(STATE + "/runs").status()).isEqualTo(200);

    Api.Response reuse = anonymous.post("/v1/auth/cli/token",
        "{\"grantType\":\"refresh_token\",\"refreshToken\":\"" + refresh1 + "\"}");
    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.errorCode()).isEqualTo("token_reused");
    assertThat(current.get(STATE + "/runs").status()).as("the whole session is revoked").isEqualTo(401);
    assertThat(anonymous.post("/v1/auth/cli/token", "{\"grantType\":\"refresh_token\",\"refreshToken\":\""
        + refresh2 + "\"}").status()).isEqualTo(401);
  }

  @Test
  void revokeEndsTheSession() {
    JsonNode session = login();
    Api user = anonymous.withToken(session.get("accessToken").asText());
    assertThat(anonymous.post("/v1/auth/cli/revoke", "{\"refreshToken\":\""
        + session.get("refreshToken").asText() + "\"}").status()).isEqualTo(200);
    assertThat(user.get(STATE + "/runs").status()).isEqualTo(401);
  }

  private JsonNode login() {
    JsonNode start = anonymous.post("/v1/auth/cli/device/start", "{\"host\":\"ci\"}").json();
    assertThat(BackendMain.run("auth", "approve", start.get("userCode").asText(), "--org", "acme", "--project", "web",
        "--database-url", database.jdbcUrl())).isZero();
    return anonymous.post("/v1/auth/cli/device/poll", "{\"deviceCode\":\"" + start.get("deviceCode").asText() + "\"}")
        .json().get("session");
  }

  private Api.Response approve(String userCode, String adminToken) {
    String form = "code=" + enc(userCode) + "&org=acme&project=web&adminToken=" + enc(adminToken);
    return anonymous.send("POST", "/v1/auth/cli/authorize", form.getBytes(StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
