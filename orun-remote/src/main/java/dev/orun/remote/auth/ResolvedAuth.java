package dev.orun.remote.auth;

import java.util.function.Supplier;

/**
 * Credentials for one backend: where the token comes from (for messages; never the token), the
 * token source, and the (org, project) the credential itself is bound to when it says so (OIDC
 * exchange and CLI session), else null.
 */
public record ResolvedAuth(String source, Supplier<String> token, String org, String project) {
    @Override
    public String toString() {
        return "ResolvedAuth[source=" + source + ", org=" + org + ", project=" + project + "]";
    }
}
