package dev.orun.remote.auth;

import java.time.Instant;

/** A repository linked to an (org, project) on one backend, as {@code config.yaml} caches it. */
public record RepoLink(String backendUrl, String gitRemote, String repoFullName, String org, String project,
                       Instant linkedAt) {
}
