package dev.orun.runner.gha.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The run-wide part of the {@code github} context and its {@code GITHUB_*} variables: each from
 * the environment when set (orun running inside GitHub Actions), otherwise derived from the
 * workspace's git repository (origin remote, current branch, HEAD, read by {@link GitFiles}) with
 * GitHub's defaults for the rest. Computed once per run.
 */
final class GithubContext {

    private final Map<String, String> variables;

    private GithubContext(Map<String, String> variables) {
        this.variables = variables;
    }

    static GithubContext derive(Map<String, String> host, Path workspace) {
        Map<String, String> v = new LinkedHashMap<>();
        Optional<GitFiles> git = GitFiles.find(workspace);
        v.put("GITHUB_REPOSITORY", host.getOrDefault("GITHUB_REPOSITORY", repository(git, workspace)));
        String branch = git.flatMap(GitFiles::branch).orElse(null);
        String ref = branch == null ? "refs/heads/main" : "refs/heads/" + branch;
        v.put("GITHUB_REF", host.getOrDefault("GITHUB_REF", ref));
        v.put("GITHUB_REF_NAME", host.getOrDefault("GITHUB_REF_NAME",
                v.get("GITHUB_REF").replaceFirst("^refs/(heads|tags)/", "")));
        v.put("GITHUB_REF_TYPE", host.getOrDefault("GITHUB_REF_TYPE",
                v.get("GITHUB_REF").startsWith("refs/tags/") ? "tag" : "branch"));
        String sha = git.flatMap(GitFiles::commit).orElse(null);
        v.put("GITHUB_SHA", host.getOrDefault("GITHUB_SHA", sha == null ? "0".repeat(40) : sha));
        v.put("GITHUB_REPOSITORY_OWNER", host.getOrDefault("GITHUB_REPOSITORY_OWNER",
                v.get("GITHUB_REPOSITORY").split("/")[0]));
        v.put("GITHUB_RUN_ID", host.getOrDefault("GITHUB_RUN_ID", Long.toString(System.currentTimeMillis())));
        v.put("GITHUB_RUN_NUMBER", host.getOrDefault("GITHUB_RUN_NUMBER", "1"));
        v.put("GITHUB_RUN_ATTEMPT", host.getOrDefault("GITHUB_RUN_ATTEMPT", "1"));
        v.put("GITHUB_EVENT_NAME", host.getOrDefault("GITHUB_EVENT_NAME", "workflow_dispatch"));
        v.put("GITHUB_ACTOR", host.getOrDefault("GITHUB_ACTOR", host.getOrDefault("USER", "orun")));
        v.put("GITHUB_WORKFLOW", host.getOrDefault("GITHUB_WORKFLOW", "orun"));
        v.put("GITHUB_SERVER_URL", host.getOrDefault("GITHUB_SERVER_URL", "https://github.com"));
        v.put("GITHUB_API_URL", host.getOrDefault("GITHUB_API_URL", "https://api.github.com"));
        v.put("GITHUB_GRAPHQL_URL", host.getOrDefault("GITHUB_GRAPHQL_URL", "https://api.github.com/graphql"));
        if (host.containsKey("GITHUB_EVENT_PATH")) {
            v.put("GITHUB_EVENT_PATH", host.get("GITHUB_EVENT_PATH"));
        }
        return new GithubContext(Map.copyOf(v));
    }

    /** The {@code GITHUB_*} variables (without the per-job and per-step ones). */
    Map<String, String> variables() {
        return variables;
    }

    /** The {@code github} context: each variable without its prefix, lower-cased. */
    Map<String, Object> asContext(Map<String, String> perJob, Object event) {
        Map<String, Object> context = new LinkedHashMap<>();
        Map<String, String> all = new LinkedHashMap<>(variables);
        all.putAll(perJob);
        all.forEach((k, value) -> context.put(k.substring("GITHUB_".length()).toLowerCase(Locale.ROOT), value));
        context.put("event", event);
        context.put("token", "");
        return context;
    }

    private static String repository(Optional<GitFiles> git, Path workspace) {
        String url = git.flatMap(GitFiles::originUrl).orElse(null);
        if (url != null) {
            String trimmed = url.replaceFirst("\\.git$", "");
            String[] parts = trimmed.split("[/:]");
            if (parts.length >= 2) {
                return parts[parts.length - 2] + "/" + parts[parts.length - 1];
            }
        }
        return "local/" + workspace.getFileName();
    }
}
