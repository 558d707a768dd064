package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code orun} authenticates to an orun backend, with real processes: {@code orun-backend
 * serve} on loopback, a stand-in for GitHub's OIDC provider (its own RSA key and JWKS) that the
 * backend trusts, {@code orun auth login} approved with {@code orun-backend auth approve}, and
 * {@code orun run --remote-state} using each credential. No output ever contains a token.
 */
@Tag("slow")
class RemoteStateAuthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_TOKEN = "gha-request-" + UUID.randomUUID();
    private static final Pattern DEVICE_CODE = Pattern.compile("enter the code ([A-Z0-9]{4}-[A-Z0-9]{4})");
    private static final Pattern BROWSER_CODE = Pattern.compile("code=([A-Z0-9]{4}-[A-Z0-9]{4})");

    @TempDir
    static Path serverData;

    private static StandInGitHubOidc github;
    private static StateServerProcess server;

    @TempDir
    Path root;

    private RemoteAuthProcesses orun;
    private Path home;

    @BeforeAll
    static void startServer() throws Exception {
        github = new StandInGitHubOidc(REQUEST_TOKEN, "acme/app", "refs/heads/main");
        server = StateServerProcess.serve(serverData, List.of("--oidc-jwks-url", github.jwksUrl()));
        server.admin("trust", "add", "acme/app", "--org", "acme", "--project", "app", "--ref", "refs/heads/*");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
        github.close();
    }

    @BeforeEach
    void workspace() throws IOException {
        Files.createDirectories(root.resolve("markers"));
        new TestWorkspace(root).component("c1", "echo ran > " + root.resolve("markers") + "/$ORUN_EXEC_ID").write();
        orun = new RemoteAuthProcesses(root);
        home = root.resolve("orun-home");
    }

    @Test
    void inside_github_actions_the_oidc_token_is_exchanged_and_the_job_runs_in_the_trusted_project() throws Exception {
        String execId = "oidc-" + UUID.randomUUID();
        Map<String, String> env = env(Map.of("GITHUB_ACTIONS", "true", "GITHUB_RUN_ID", "77", "GITHUB_RUN_ATTEMPT", "1",
                "GITHUB_JOB", "build", "ACTIONS_ID_TOKEN_REQUEST_URL", github.requestUrl(),
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN, "ORUN_BACKEND_URL", server.url(), "ORUN_EXEC_ID", execId));

        RemoteAuthProcesses.Result leg = orun.run(env, "run", "--remote-state", "--runner", "local", "--job", "c1@dev.build");

        assertThat(leg.exitCode()).as(leg.output()).isZero();
        assertThat(root.resolve("markers").resolve(execId)).exists();
        assertThat(github.audiences()).as("ID tokens requested with the backend's audience").contains("orun-cloud")
                .allMatch("orun-cloud"::equals);
        assertThat(leg.output()).doesNotContain(REQUEST_TOKEN);
        github.issued().forEach(jwt -> assertThat(leg.output()).doesNotContain(jwt));
        // the run lives in the project the trust binding names: a machine token of acme/app sees it
        RemoteAuthProcesses.Result status = orun.run(env(Map.of("ORUN_TOKEN", server.token("acme", "app"),
                "ORUN_BACKEND_URL", server.url(), "ORUN_ORG", "acme", "ORUN_PROJECT", "app", "ORUN_EXEC_ID", execId)),
                "status", "--remote-state", "--json");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("\"c1@dev.build\"").contains("\"succeeded\": 1");
    }

    @Test
    void an_oidc_token_for_an_untrusted_repository_is_refused_without_leaking_it() throws Exception {
        try (StandInGitHubOidc other = new StandInGitHubOidc(REQUEST_TOKEN, "evil/fork", "refs/heads/main")) {
            // the backend trusts only the first stand-in's key; this one also signs for a repository nobody trusts
            Map<String, String> env = env(Map.of("GITHUB_ACTIONS", "true", "ACTIONS_ID_TOKEN_REQUEST_URL", other.requestUrl(),
                    "ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN, "ORUN_BACKEND_URL", server.url(),
                    "ORUN_EXEC_ID", "untrusted-" + UUID.randomUUID()));
            RemoteAuthProcesses.Result leg = orun.run(env, "run", "--remote-state", "--runner", "local", "--job", "c1@dev.build");
            assertThat(leg.exitCode()).as(leg.output()).isNotZero();
            assertThat(leg.output()).contains("OIDC exchange").contains("401").doesNotContain(REQUEST_TOKEN);
            other.issued().forEach(jwt -> assertThat(leg.output()).doesNotContain(jwt));
            assertThat(root.resolve("markers")).isEmptyDirectory();
        }
    }

    @Test
    void a_device_login_approved_by_the_admin_stores_a_private_session_that_runs_jobs_without_any_token_variable()
            throws Exception {
        gitRemote("git@github.com:acme/web.git");
        JsonNode session = login(true, "web");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials()))).isEqualTo("rw-------");
        assertThat(session.path("backendUrl").asText()).isEqualTo(server.url());
        assertThat(session.path("project").asText()).isEqualTo("web");
        RemoteAuthProcesses.Result status = orun.run(env(Map.of()), "auth", "status", "--json");
        assertThat(status.exitCode()).as(status.output()).isZero();
        JsonNode shown = JSON.readTree(status.output());
        assertThat(shown.path("backendUrl").asText()).isEqualTo(server.url());
        assertThat(shown.path("org").asText() + "/" + shown.path("project").asText()).isEqualTo("acme/web");
        assertThat(shown.path("backendCheck").asText()).isEqualTo("accepted");
        assertThat(shown.path("accessTokenExpiry").asText()).isNotBlank();
        assertNoToken(status.output(), session);

        // no backend URL, no token, no org/project: all from the session, and the repository gets linked
        String execId = "session-" + UUID.randomUUID();
        RemoteAuthProcesses.Result leg = orun.run(env(Map.of("ORUN_EXEC_ID", execId)), "run", "--remote-state",
                "--job", "c1@dev.build");
        assertThat(leg.exitCode()).as(leg.output()).isZero();
        assertThat(root.resolve("markers").resolve(execId)).exists();
        assertNoToken(leg.output(), session);
        String config = Files.readString(home.resolve("config.yaml"));
        assertThat(config).contains("repoFullName: acme/web").contains("orgId: acme").contains("projectId: web")
                .contains("url: " + server.url()).doesNotContain(session.path("accessToken").asText());
    }

    @Test
    void a_browser_login_prints_the_authorize_url_and_finishes_once_the_code_is_approved() throws Exception {
        Process login = orun.start(env(Map.of()), "auth", "login", "--backend-url", server.url());
        String code = orun.await(login, BROWSER_CODE);
        assertThat(orun.output(login)).contains(server.url() + "/v1/auth/cli/authorize?code=" + code);
        server.admin("auth", "approve", code, "--org", "acme", "--project", "web");
        assertThat(login.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(login.exitValue()).as(orun.output(login)).isZero();
        JsonNode session = JSON.readTree(credentials().toFile());
        assertThat(orun.output(login)).contains("logged in to " + server.url());
        assertNoToken(orun.output(login), session);
    }

    @Test
    void a_credentials_file_that_group_or_others_can_read_is_refused_before_anything_runs() throws Exception {
        JsonNode session = login(true, "web");
        Files.setPosixFilePermissions(credentials(), PosixFilePermissions.fromString("rw-r-----"));

        RemoteAuthProcesses.Result status = orun.run(env(Map.of()), "auth", "status");
        RemoteAuthProcesses.Result leg = orun.run(env(Map.of("ORUN_EXEC_ID", "refused-" + UUID.randomUUID(),
                "ORUN_BACKEND_URL", server.url())), "run", "--remote-state", "--job", "c1@dev.build");

        for (RemoteAuthProcesses.Result r : List.of(status, leg)) {
            assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
            assertThat(r.orunLines()).as(r.output()).hasSize(1);
            assertThat(r.output()).contains(credentials().toString()).contains("group or others");
            assertNoToken(r.output(), session);
        }
        assertThat(root.resolve("markers")).isEmptyDirectory();
    }

    @Test
    void an_expiring_session_is_refreshed_once_for_processes_starting_together_and_the_refresh_token_rotates()
            throws Exception {
        JsonNode before = login(true, "web");
        ObjectNode expired = (ObjectNode) before.deepCopy();
        expired.put("accessTokenExpiry", Instant.now().minusSeconds(5).toString());
        Files.writeString(credentials(), JSON.writeValueAsString(expired));

        List<Process> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(orun.start(env(Map.of()), "auth", "status", "--json"));
        }
        for (Process p : statuses) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(orun.output(p)).isZero();
            assertThat(JSON.readTree(orun.output(p)).path("backendCheck").asText()).isEqualTo("accepted");
            assertNoToken(orun.output(p), before);
        }
        JsonNode after = JSON.readTree(credentials().toFile());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials()))).isEqualTo("rw-------");
        assertThat(after.path("refreshToken").asText()).isNotEqualTo(before.path("refreshToken").asText());
        assertThat(after.path("accessToken").asText()).isNotEqualTo(before.path("accessToken").asText());
        assertThat(Instant.parse(after.path("accessTokenExpiry").asText())).isAfter(Instant.now());
        statuses.forEach(p -> {
            try {
                assertNoToken(orun.output(p), after);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // one refresh, not four: had two processes redeemed the single-use token, the backend would have
        // revoked the session (token_reused) and the sessions' checks above would have failed
        assertThat(orun.run(env(Map.of()), "auth", "status").exitCode()).isZero();
        var replay = RemoteAuthProcesses.post(server.url() + "/v1/auth/cli/token",
                "{\"grantType\":\"refresh_token\",\"refreshToken\":\"" + before.path("refreshToken").asText() + "\"}");
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("token_reused");
    }

    @Test
    void logout_revokes_the_session_at_the_backend_and_deletes_the_credentials() throws Exception {
        JsonNode session = login(true, "web");
        String runs = server.url() + "/v1/organizations/acme/projects/web/state/runs";
        assertThat(RemoteAuthProcesses.get(runs, session.path("accessToken").asText())).isEqualTo(200);

        RemoteAuthProcesses.Result logout = orun.run(env(Map.of()), "auth", "logout");

        assertThat(logout.exitCode()).as(logout.output()).isZero();
        assertThat(logout.output()).contains("logged out of " + server.url());
        assertNoToken(logout.output(), session);
        assertThat(credentials()).doesNotExist();
        assertThat(RemoteAuthProcesses.get(runs, session.path("accessToken").asText())).isEqualTo(401);
        var refresh = RemoteAuthProcesses.post(server.url() + "/v1/auth/cli/token",
                "{\"grantType\":\"refresh_token\",\"refreshToken\":\"" + session.path("refreshToken").asText() + "\"}");
        assertThat(refresh.statusCode()).isEqualTo(401);
        RemoteAuthProcesses.Result status = orun.run(env(Map.of()), "auth", "status");
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.output()).contains("not logged in");
    }

    @Test
    void a_session_of_one_project_can_neither_read_nor_claim_in_another() throws Exception {
        JsonNode session = login(true, "web");
        String execId = "tenant-" + UUID.randomUUID();
        String otherToken = server.token("acme", "other");
        Map<String, String> other = env(Map.of("ORUN_TOKEN", otherToken, "ORUN_BACKEND_URL", server.url(), "ORUN_ORG",
                "acme", "ORUN_PROJECT", "other", "ORUN_EXEC_ID", execId, "ORUN_HOME", root.resolve("empty-home").toString()));
        assertThat(orun.run(other, "run", "--remote-state", "--job", "c1@dev.build").exitCode()).isZero();
        Files.delete(root.resolve("markers").resolve(execId));

        Map<String, String> intruder = env(Map.of("ORUN_ORG", "acme", "ORUN_PROJECT", "other", "ORUN_EXEC_ID", execId,
                "ORUN_BACKEND_URL", server.url()));
        RemoteAuthProcesses.Result read = orun.run(intruder, "status", "--remote-state", "--json");
        RemoteAuthProcesses.Result claim = orun.run(intruder, "run", "--remote-state", "--retry", "--job", "c1@dev.build");

        assertThat(read.exitCode()).as(read.output()).isEqualTo(2);
        assertThat(read.output()).contains("unknown execution").doesNotContain("succeeded");
        assertThat(claim.exitCode()).as(claim.output()).isEqualTo(2);
        assertThat(claim.output()).contains("404");
        assertThat(root.resolve("markers").resolve(execId)).doesNotExist();
        assertNoToken(read.output() + claim.output(), session);
        assertThat(read.output() + claim.output()).doesNotContain(otherToken);
    }

    @Test
    void without_any_credential_the_error_names_every_source_it_tried() throws Exception {
        RemoteAuthProcesses.Result leg = orun.run(env(Map.of("ORUN_BACKEND_URL", server.url(), "ORUN_EXEC_ID",
                "nocred-" + UUID.randomUUID())), "run", "--remote-state", "--job", "c1@dev.build");

        assertThat(leg.exitCode()).as(leg.output()).isEqualTo(2);
        assertThat(leg.orunLines()).hasSize(1);
        assertThat(leg.output()).contains("no credentials for " + server.url()).contains("GitHub Actions OIDC")
                .contains("stored session").contains("ORUN_TOKEN").contains("orun auth login");
        assertThat(root.resolve("markers")).isEmptyDirectory();
    }

    @Test
    void cloud_link_with_a_machine_token_caches_the_project_that_later_runs_use() throws Exception {
        gitRemote("https://github.com/acme/web.git");
        String token = server.token("acme", "web");
        Map<String, String> machine = env(Map.of("ORUN_TOKEN", token, "ORUN_BACKEND_URL", server.url()));

        RemoteAuthProcesses.Result wrong = orun.run(machine, "cloud", "link", "--org", "acme", "--project", "other");
        assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(2);
        assertThat(wrong.output()).contains("acme/other").contains("not visible").doesNotContain(token);
        assertThat(home.resolve("config.yaml")).doesNotExist();

        RemoteAuthProcesses.Result link = orun.run(machine, "cloud", "link", "--org", "acme", "--project", "web");
        assertThat(link.exitCode()).as(link.output()).isZero();
        assertThat(link.output()).contains("linked acme/web to acme/web on " + server.url()).doesNotContain(token);
        assertThat(Files.readString(home.resolve("config.yaml"))).contains("projectId: web").doesNotContain(token);

        String execId = "linked-" + UUID.randomUUID();
        Map<String, String> run = new HashMap<>(machine);
        run.put("ORUN_EXEC_ID", execId);
        RemoteAuthProcesses.Result leg = orun.run(run, "run", "--remote-state", "--job", "c1@dev.build");
        assertThat(leg.exitCode()).as(leg.output()).isZero();
        RemoteAuthProcesses.Result status = orun.run(env(Map.of("ORUN_TOKEN", token, "ORUN_BACKEND_URL", server.url(),
                "ORUN_ORG", "acme", "ORUN_PROJECT", "web", "ORUN_EXEC_ID", execId)), "status", "--remote-state", "--json");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("\"succeeded\": 1");
    }

    @Test
    void a_step_printing_the_token_shows_it_masked_in_the_console_the_json_and_the_backend_logs() throws Exception {
        new TestWorkspace(root).component("c1", "echo token=$ORUN_TOKEN").write();
        String token = server.token("acme", "web");
        String execId = "masked-" + UUID.randomUUID();
        Map<String, String> machine = env(Map.of("ORUN_TOKEN", token, "ORUN_BACKEND_URL", server.url(), "ORUN_ORG", "acme",
                "ORUN_PROJECT", "web", "ORUN_EXEC_ID", execId));

        RemoteAuthProcesses.Result console = orun.run(machine, "run", "--remote-state", "--job", "c1@dev.build");
        RemoteAuthProcesses.Result json = orun.run(machine, "status", "--remote-state", "--json");
        RemoteAuthProcesses.Result logs = orun.run(machine, "logs", "--remote-state");

        assertThat(console.exitCode()).as(console.output()).isZero();
        assertThat(logs.exitCode()).as(logs.output()).isZero();
        assertThat(logs.output()).contains("token=***");
        for (RemoteAuthProcesses.Result r : List.of(console, json, logs)) {
            assertThat(r.output()).doesNotContain(token);
        }
    }

    /** {@code orun auth login [--device]} approved for acme/{@code project}; the stored credentials. */
    private JsonNode login(boolean device, String project) throws Exception {
        List<String> args = new ArrayList<>(List.of("auth", "login", "--backend-url", server.url()));
        if (device) {
            args.add("--device");
        }
        Process login = orun.start(env(Map.of()), args.toArray(String[]::new));
        String code = orun.await(login, device ? DEVICE_CODE : BROWSER_CODE);
        server.admin("auth", "approve", code, "--org", "acme", "--project", project);
        assertThat(login.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(login.exitValue()).as(orun.output(login)).isZero();
        JsonNode session = JSON.readTree(credentials().toFile());
        assertNoToken(orun.output(login), session);
        return session;
    }

    private Path credentials() {
        return home.resolve("credentials.json");
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("ORUN_HOME", home.toString());
        env.putAll(extra);
        return env;
    }

    private void gitRemote(String url) throws Exception {
        for (List<String> cmd : List.of(List.of("git", "init", "-q"), List.of("git", "remote", "add", "origin", url))) {
            Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", cmd)).isTrue();
        }
    }

    private static void assertNoToken(String output, JsonNode session) {
        for (String field : List.of("accessToken", "refreshToken")) {
            String token = session.path(field).asText();
            assertThat(token).as(field).isNotBlank();
            assertThat(output).as("output shows no %s", field).doesNotContain(token);
        }
    }
}
