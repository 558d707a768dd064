package dev.orun.remote.auth;

import dev.orun.core.InvalidInputException;
import dev.orun.core.OrunException;
import dev.orun.remote.client.RemoteApiException;
import dev.orun.remote.client.StateHttp;
import dev.orun.remote.protocol.ContractVersion;
import dev.orun.remote.protocol.RevokeRequest;
import dev.orun.remote.protocol.Session;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code orun auth login|status|logout} and {@code orun cloud link} as library calls: the CLI
 * parses flags and renders what these return; every effect (HTTP, files) happens here.
 */
public final class OrunAuth {
    private final Map<String, String> env;
    private final Clock clock;
    private final CredentialStore store;
    private final OrunConfig config;

    public OrunAuth(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
        OrunHome home = OrunHome.from(env);
        this.store = new CredentialStore(home);
        this.config = new OrunConfig(home);
    }

    /**
     * The backend a command talks to: the flag, else {@code ORUN_BACKEND_URL}, else
     * {@code cloud.url} in {@code config.yaml}, else the stored session's backend.
     */
    public Optional<String> backendUrl(String flag) {
        for (String candidate : new String[] {flag, env.get("ORUN_BACKEND_URL")}) {
            if (candidate != null && !candidate.isBlank()) {
                return Optional.of(BackendUrls.normalise(candidate));
            }
        }
        return savedBackendUrl();
    }

    /** The backend this user last chose: {@code cloud.url} in {@code config.yaml}, else the stored session's. */
    public Optional<String> savedBackendUrl() {
        return config.backendUrl().map(BackendUrls::normalise)
                .or(() -> store.read().map(StoredSession::backendUrl));
    }

    /**
     * Logs in at {@code backendUrl} (browser flow, or the device flow), stores the session (0600)
     * and remembers the backend in {@code config.yaml}. {@code say} receives what to show.
     */
    public LoginStatus login(String backendUrl, boolean device, Consumer<String> say, Consumer<String> openBrowser) {
        String url = BackendUrls.require(backendUrl, "--backend-url");
        CliLogin login = new CliLogin(new AuthHttp(url), say, clock);
        Session session = device ? login.device(hostName()) : login.browser(hostName(), openBrowser);
        if (session.accessToken() == null || session.accessToken().isBlank()) {
            throw new OrunException(OrunException.EXIT_FAILURE, "login failed: the backend answered no session");
        }
        StoredSession stored = StoredSession.from(url, session, null, null);
        store.write(stored);
        return status(stored, "approved");
    }

    /** The stored session, checked with its backend (which refreshes it when it is about to expire). */
    public LoginStatus status() {
        Optional<StoredSession> session = store.read();
        if (session.isEmpty()) {
            return new LoginStatus(false, store.file(), null, null, null, null, null, null, null);
        }
        SessionTokens tokens = new SessionTokens(store, session.get(), clock);
        StoredSession s = session.get();
        StateHttp http = new StateHttp(s.backendUrl(), s.org(), s.project(), tokens);
        String checked;
        try {
            http.json(StateHttp.Call.get("/runs", ContractVersion.REST), com.fasterxml.jackson.databind.JsonNode.class);
            checked = "accepted";
        } catch (RemoteApiException e) {
            checked = e.status() == 0 ? "unreachable" : "refused (" + e.status() + " " + e.code() + ")";
        }
        return status(tokens.session(), checked);
    }

    /**
     * Revokes the session at its backend (an already-ended session counts as revoked) and deletes
     * the credentials file. The local file is deleted even when the backend cannot be reached;
     * that failure is reported afterwards.
     */
    public Optional<String> logout() {
        Optional<StoredSession> session;
        try {
            session = store.read();
        } catch (InvalidInputException unreadable) {
            store.delete(); // a file others could read is deleted, not trusted
            return Optional.of("unreadable");
        }
        if (session.isEmpty()) {
            return Optional.empty();
        }
        StoredSession s = session.get();
        RemoteApiException failure = null;
        if (s.refreshToken() != null && !s.refreshToken().isBlank()) {
            try {
                AuthHttp.Answer answer = new AuthHttp(s.backendUrl()).post("/v1/auth/cli/revoke",
                        new RevokeRequest(s.refreshToken()));
                int st = answer.status();
                if (!answer.ok() && st != 401 && st != 404 && st != 410) {
                    failure = answer.error("revoke");
                }
            } catch (RemoteApiException e) {
                failure = e;
            }
        }
        store.delete();
        if (failure != null) {
            throw new OrunException(OrunException.EXIT_FAILURE, "deleted " + store.file()
                    + " but could not revoke the session at " + s.backendUrl() + ": " + failure.getMessage());
        }
        return Optional.of(s.backendUrl());
    }

    /**
     * {@code orun cloud link}: caches which (org, project) this repository's runs use on
     * {@code backendUrl}, after checking the credential may read that project.
     */
    public RepoLink link(String backendUrl, Path workspace, String org, String project) {
        String url = BackendUrls.require(backendUrl, "--backend-url");
        GitRemote repo = GitRemote.of(workspace).or(this::actionsRepository).orElseThrow(() -> new InvalidInputException(
                workspace + ": no git remote \"origin\"; orun cloud link links a repository by its remote"));
        ResolvedAuth auth = new AuthResolver(env, clock).resolve(url, org);
        String o = notBlank(org) ? org : notBlank(env.get("ORUN_ORG")) ? env.get("ORUN_ORG") : auth.org();
        String p = notBlank(project) ? project : notBlank(env.get("ORUN_PROJECT")) ? env.get("ORUN_PROJECT") : auth.project();
        if (!notBlank(o) || !notBlank(p)) {
            throw new InvalidInputException("cannot tell which project " + repo.display() + " belongs to with "
                    + auth.source() + "; pass --org and --project");
        }
        StateHttp http = new StateHttp(url, o, p, auth.token());
        try {
            http.json(StateHttp.Call.get("/runs", ContractVersion.REST), com.fasterxml.jackson.databind.JsonNode.class);
        } catch (RemoteApiException e) {
            if (e.status() == 404 || e.status() == 401 || e.status() == 403) {
                throw new InvalidInputException("project " + o + "/" + p + " on " + url + " does not exist or is not "
                        + "visible to " + auth.source());
            }
            throw new OrunException(OrunException.EXIT_FAILURE, "cannot check the project: " + e.getMessage());
        }
        RepoLink link = new RepoLink(url, repo.url(), repo.fullName(), o, p, Instant.now(clock));
        config.save(link, repo);
        return link;
    }

    public Path configFile() {
        return config.file();
    }

    private Optional<GitRemote> actionsRepository() {
        String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
        String repository = env.get("GITHUB_REPOSITORY");
        return notBlank(repository) ? Optional.of(GitRemote.parse(server + "/" + repository)) : Optional.empty();
    }

    private LoginStatus status(StoredSession s, String checked) {
        return new LoginStatus(true, store.file(), s.backendUrl(), s.user(), s.org(), s.project(),
                s.accessTokenExpiry(), s.refreshTokenExpiry(), checked);
    }

    private String hostName() {
        String h = env.get("HOSTNAME");
        if (notBlank(h)) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
