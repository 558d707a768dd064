package dev.orun.plan.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which base and head refs a change request compares, and why: an explicit flag, a CI variable or
 * the default. In CI the head is always the checked-out commit ({@code HEAD}), which is what the
 * plan is compiled from.
 *
 * @param base       base ref, or null when only the working tree is compared with HEAD
 * @param baseSource where the base came from, e.g. "--base", "GITHUB_BASE_REF (pull_request)"
 * @param head       head ref
 * @param headSource where the head came from
 */
record RefChoice(String base, String baseSource, String head, String headSource) {

    static final String DEFAULT_BASE = "main";
    private static final String ZERO_SHA = "0000000000000000000000000000000000000000";

    static RefChoice choose(ChangeRequest req, Map<String, String> env) {
        if (req.base() != null) {
            return req.head() != null
                    ? new RefChoice(req.base(), "--base", req.head(), "--head")
                    : new RefChoice(req.base(), "--base", "HEAD", "default");
        }
        if (req.uncommitted() || req.untracked()) {
            return new RefChoice(null, null, "HEAD", "working tree");
        }
        RefChoice ci = fromCi(env);
        return ci != null ? ci : new RefChoice(DEFAULT_BASE, "default", "HEAD", "default");
    }

    private static RefChoice fromCi(Map<String, String> env) {
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            return fromGitHub(env);
        }
        String gitlabTarget = env.get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME");
        if (notBlank(gitlabTarget)) {
            return new RefChoice(gitlabTarget, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME (GitLab merge request)",
                    "HEAD", "checked-out commit");
        }
        String buildkiteBase = env.get("BUILDKITE_PULL_REQUEST_BASE_BRANCH");
        if (notBlank(buildkiteBase)) {
            return new RefChoice(buildkiteBase, "BUILDKITE_PULL_REQUEST_BASE_BRANCH (Buildkite pull request)",
                    "HEAD", "checked-out commit");
        }
        return null;
    }

    private static RefChoice fromGitHub(Map<String, String> env) {
        String event = env.getOrDefault("GITHUB_EVENT_NAME", "");
        if (event.equals("pull_request") || event.equals("pull_request_target")) {
            String base = env.get("GITHUB_BASE_REF");
            return notBlank(base)
                    ? new RefChoice(base, "GITHUB_BASE_REF (GitHub Actions " + event + ")", "HEAD", "checked-out commit")
                    : new RefChoice(DEFAULT_BASE, "default (GITHUB_BASE_REF is empty)", "HEAD", "checked-out commit");
        }
        if (event.equals("push")) {
            String before = pushBefore(env.get("GITHUB_EVENT_PATH"));
            if (notBlank(before) && !before.equals(ZERO_SHA)) {
                return new RefChoice(before, "before commit of the push event (GITHUB_EVENT_PATH)",
                        "HEAD", "checked-out commit");
            }
            return new RefChoice(DEFAULT_BASE, "default (the push event has no before commit)",
                    "HEAD", "checked-out commit");
        }
        return new RefChoice(DEFAULT_BASE, "default (GitHub Actions " + (event.isEmpty() ? "event unknown" : event) + ")",
                "HEAD", "checked-out commit");
    }

    private static String pushBefore(String eventPath) {
        if (!notBlank(eventPath)) {
            return null;
        }
        try {
            JsonNode before = new ObjectMapper().readTree(Files.readString(Path.of(eventPath))).get("before");
            return before == null || !before.isTextual() ? null : before.asText();
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable event falls back to the default base, which explain shows
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
