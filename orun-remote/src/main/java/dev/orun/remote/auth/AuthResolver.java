package dev.orun.remote.auth;

import dev.orun.core.InvalidInputException;
import dev.orun.remote.protocol.OidcExchangeResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which credential a remote-state call uses, in this order (docs/decisions/remote-state-auth.md):
 * GitHub Actions OIDC (when the job may request an ID token), the stored CLI session for this
 * backend, {@code ORUN_TOKEN}, {@code ORUN_TOKEN_FILE}. None available is a one-line exit-2 error
 * naming each source and why it did not apply.
 */
public final class AuthResolver {
    private final Map<String, String> env;
    private final OrunHome home;
    private final Clock clock;

    public AuthResolver(Map<String, String> env, Clock clock) {
        this.env = env;
        this.home = OrunHome.from(env);
        this.clock = clock;
    }

    /**
     * The credential for {@code backendUrl}. The OIDC exchange happens here (its answer says which
     * project the workflow may use); everything else is only read.
     *
     * @param orgHint the org the caller asked for, passed to the OIDC exchange when a repository
     *                is trusted by several projects
     */
    public ResolvedAuth resolve(String backendUrl, String orgHint) {
        String url = BackendUrls.normalise(backendUrl);
        List<String> tried = new ArrayList<>();
        if (GithubOidcTokens.available(env)) {
            GithubOidcTokens oidc = new GithubOidcTokens(env, url, orgHint, clock);
            OidcExchangeResponse first = oidc.exchanged();
            return new ResolvedAuth("GitHub Actions OIDC", oidc, first.orgId(), first.projectId());
        }
        tried.add("GitHub Actions OIDC (" + ("true".equals(env.get("GITHUB_ACTIONS"))
                ? "ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN unset; add permissions: id-token: write" : "not in GitHub Actions") + ")");
        CredentialStore store = new CredentialStore(home);
        Optional<StoredSession> session = store.read();
        if (session.isPresent() && session.get().isFor(url)) {
            SessionTokens tokens = new SessionTokens(store, session.get(), clock);
            return new ResolvedAuth("stored session (" + store.file() + ")", tokens, session.get().org(),
                    session.get().project());
        }
        tried.add(session.map(s -> "stored session (" + store.file() + " is for " + s.backendUrl() + ")")
                .orElse("stored session (none at " + store.file() + ")"));
        String token = env.get("ORUN_TOKEN");
        if (token != null && !token.isBlank()) {
            String fixed = token.trim();
            return new ResolvedAuth("ORUN_TOKEN", () -> fixed, null, null);
        }
        tried.add("ORUN_TOKEN (unset)");
        String file = env.get("ORUN_TOKEN_FILE");
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file);
            readTokenFile(path); // refuse a bad file before anything runs
            return new ResolvedAuth("ORUN_TOKEN_FILE", () -> readTokenFile(path), null, null);
        }
        tried.add("ORUN_TOKEN_FILE (unset)");
        throw new InvalidInputException("no credentials for " + url + "; tried " + String.join(", ", tried)
                + "; run `orun auth login --backend-url " + url + "` or set ORUN_TOKEN");
    }

    /** The token in {@code path}, re-read on every request; refused when group or others may read it. */
    static String readTokenFile(Path path) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new InvalidInputException(path + ": token file is readable by group or others; chmod 600 it");
            }
            return Files.readString(path).trim();
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read the token file (" + e.getClass().getSimpleName() + ")");
        }
    }
}
