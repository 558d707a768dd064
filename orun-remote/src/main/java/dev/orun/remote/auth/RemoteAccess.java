package dev.orun.remote.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything a state-server client needs to act: the backend, the (org, project) and the token.
 * The scope is, per field: what the caller asked for (flags, {@code ORUN_ORG}/{@code ORUN_PROJECT},
 * intent), else what the OIDC exchange answered, else this repository's link in
 * {@code config.yaml}, else the CLI session's project, else {@code _local}. A run with a CLI
 * session in a repository that has no link yet caches the session's project as its link.
 */
public record RemoteAccess(String backendUrl, String org, String project, String source, Supplier<String> token) {

    /**
     * @param workspace where the repository's {@code origin} remote is looked up (may be null)
     * @param org       the org asked for, or null
     * @param project   the project asked for, or null
     */
    public static RemoteAccess resolve(String backendUrl, String org, String project, Map<String, String> env,
                                       Path workspace, Clock clock) {
        String url = BackendUrls.normalise(backendUrl);
        ResolvedAuth auth = new AuthResolver(env, clock).resolve(url, org);
        String o = blankToNull(org);
        String p = blankToNull(project);
        boolean fromOidc = auth.source().startsWith("GitHub");
        if (fromOidc) {
            o = o != null ? o : blankToNull(auth.org());
            p = p != null ? p : blankToNull(auth.project());
        }
        if (o == null || p == null) {
            OrunConfig config = new OrunConfig(OrunHome.from(env));
            Optional<GitRemote> repo = workspace == null ? Optional.empty() : GitRemote.of(workspace);
            Optional<RepoLink> link = repo.flatMap(r -> config.link(url, r));
            if (link.isPresent()) {
                o = o != null ? o : link.get().org();
                p = p != null ? p : link.get().project();
            } else if (auth.org() != null && auth.project() != null) {
                if (repo.isPresent() && !fromOidc && o == null && p == null) {
                    config.save(new RepoLink(url, repo.get().url(), repo.get().fullName(), auth.org(), auth.project(),
                            Instant.now(clock)), repo.get());
                }
                o = o != null ? o : auth.org();
                p = p != null ? p : auth.project();
            }
        }
        return new RemoteAccess(url, o == null ? "_local" : o, p == null ? "_local" : p, auth.source(), auth.token());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        return "RemoteAccess[" + backendUrl + " " + org + "/" + project + " via " + source + "]";
    }
}
