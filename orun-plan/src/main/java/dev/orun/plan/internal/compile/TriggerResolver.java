package dev.orun.plan.internal.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orun.core.InvalidInputException;
import dev.orun.plan.TriggerRequest;
import dev.orun.plan.internal.model.Intent;
import dev.orun.plan.internal.model.TriggerBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Chooses environments from {@code automation.triggerBindings}: {@code --trigger NAME} activates
 * the environments whose {@code activation.triggerRefs} name the binding; {@code --from-ci github}
 * matches the event (name and payload) against every binding — provider and event equal, the
 * action among {@code actions}, branch, base branch and tag globs ({@code *} alone matches any
 * non-empty value, otherwise prefix{@code *}suffix) — and activates the environments of all that
 * match. An event no binding matches plans nothing (not an error, as in CI nothing is to be done).
 */
final class TriggerResolver {

    /** Active environments, what fired, and notes for the user. */
    record Resolution(SortedSet<String> environments, List<String> notes, PlanCoverage.TriggerOutcome outcome) {
    }

    private final Intent intent;

    TriggerResolver(Intent intent) {
        this.intent = intent;
    }

    Resolution resolve(TriggerRequest request) {
        if (request.name() != null && request.provider() != null) {
            throw new InvalidInputException("--trigger and --from-ci are mutually exclusive");
        }
        JsonNode payload = request.name() != null ? null : payload(request);
        List<String> matched = request.name() != null ? List.of(named(request.name())) : fromCi(request, payload);
        List<String> notes = new ArrayList<>();
        if (matched.isEmpty()) {
            notes.add("trigger: the " + request.provider() + " event matches no trigger binding; nothing to plan");
            return new Resolution(new TreeSet<>(), notes, new PlanCoverage.TriggerOutcome(List.of(), "full", null,
                    null, request.provider(), event(request, payload).name(), event(request, payload).action()));
        }
        SortedSet<String> environments = new TreeSet<>();
        intent.environments().values().forEach(env -> {
            if (env.triggerRefs().stream().anyMatch(matched::contains)) {
                environments.add(env.name());
            }
        });
        if (environments.isEmpty()) {
            throw InvalidInputException.at(intent.file(), "trigger " + String.join(", ", matched)
                    + " activates no environment (no activation.triggerRefs names it)");
        }
        String scope = scopeOf(matched);
        notes.add("trigger: " + String.join(", ", matched) + " → " + String.join(", ", environments)
                + (scope.equals("changed") ? " (changed components only, as the binding's plan.scope asks)" : ""));
        GitHubEvent event = payload == null ? null : event(request, payload);
        return new Resolution(environments, notes, new PlanCoverage.TriggerOutcome(List.copyOf(matched), scope,
                payload == null ? null : ref(matched, payload, true), payload == null ? null : ref(matched, payload,
                false), request.provider(), event == null ? null : event.name(), event == null ? null : event.action()));
    }

    private static GitHubEvent event(TriggerRequest request, JsonNode payload) {
        return GitHubEvent.of(request.eventName(), payload);
    }

    /**
     * The base (or head) of a changed-scope plan from a CI event: the first matched binding whose
     * {@code plan.base}/{@code plan.head} dot-path resolves in the payload, else the event's own
     * (a pull request's base/head sha, a push's before/after). A {@code --trigger NAME} plan has
     * no event, so change detection's usual refs apply (the Go planner would use the dot-path
     * text itself as a git ref, which never names one).
     */
    private String ref(List<String> matched, JsonNode payload, boolean base) {
        for (String name : matched) {
            TriggerBinding binding = intent.triggerBindings().get(name);
            String path = base ? binding.base() : binding.head();
            if (path != null && !path.isBlank()) {
                JsonNode node = payload.at("/" + path.replace('.', '/'));
                if (node.isValueNode() && !node.asText().isBlank()) {
                    return node.asText();
                }
            }
        }
        JsonNode pr = payload.path("pull_request");
        String value = pr.isObject() ? pr.path(base ? "base" : "head").path("sha").asText("")
                : payload.path(base ? "before" : "after").asText("");
        return value.isBlank() || value.matches("0+") ? null : value;
    }

    private String named(String name) {
        if (!intent.triggerBindings().containsKey(name)) {
            throw InvalidInputException.at(intent.file(), "unknown trigger \"" + name + "\" (trigger bindings: "
                    + (intent.triggerBindings().isEmpty() ? "none" : String.join(", ", intent.triggerBindings().keySet()))
                    + ")");
        }
        return name;
    }

    private String scopeOf(List<String> matched) {
        SortedSet<String> scopes = new TreeSet<>();
        matched.forEach(name -> scopes.add(intent.triggerBindings().get(name).scope()));
        if (scopes.size() > 1) {
            throw InvalidInputException.at(intent.file(), "conflicting plan scopes " + scopes
                    + " among matched trigger bindings " + matched);
        }
        return scopes.first();
    }

    private static JsonNode payload(TriggerRequest request) {
        if (!"github".equals(request.provider())) {
            throw new InvalidInputException("--from-ci supports github, not \"" + request.provider() + "\"");
        }
        if (request.eventFile() == null) {
            throw new InvalidInputException("--from-ci github needs the event payload: --event-file FILE"
                    + " (or GITHUB_EVENT_PATH)");
        }
        try {
            return new ObjectMapper().readTree(Files.readString(request.eventFile()));
        } catch (IOException e) {
            throw InvalidInputException.at(request.eventFile(), "cannot read the event: " + e.getMessage());
        }
    }

    private List<String> fromCi(TriggerRequest request, JsonNode payload) {
        GitHubEvent event = event(request, payload);
        List<String> matched = new ArrayList<>();
        for (Map.Entry<String, TriggerBinding> entry : intent.triggerBindings().entrySet()) {
            if (event.matches(entry.getValue())) {
                matched.add(entry.getKey());
            }
        }
        return matched;
    }

    /** The parts of a GitHub event the bindings match on. */
    record GitHubEvent(String name, String action, String branch, String baseBranch, String tag) {

        static GitHubEvent of(String eventName, JsonNode payload) {
            String name = eventName != null && !eventName.isBlank() ? eventName
                    : payload.has("pull_request") ? "pull_request" : payload.has("ref") ? "push" : "";
            if (name.startsWith("pull_request")) {
                JsonNode pr = payload.path("pull_request");
                return new GitHubEvent(name, payload.path("action").asText(""), pr.path("head").path("ref").asText(""),
                        pr.path("base").path("ref").asText(""), "");
            }
            String ref = payload.path("ref").asText("");
            String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : "";
            String tag = ref.startsWith("refs/tags/") ? ref.substring("refs/tags/".length()) : "";
            return new GitHubEvent(name, payload.path("action").asText(""), branch, "", tag);
        }

        boolean matches(TriggerBinding binding) {
            return "github".equals(binding.provider()) && name.equals(binding.event())
                    && (binding.actions().isEmpty() || binding.actions().contains(action))
                    && globs(binding.branches(), branch) && globs(binding.baseBranches(), baseBranch)
                    && globs(binding.tags(), tag);
        }

        private static boolean globs(List<String> patterns, String value) {
            if (patterns.isEmpty()) {
                return true;
            }
            if (value.isEmpty()) {
                return false;
            }
            return patterns.stream().anyMatch(pattern -> glob(pattern, value));
        }

        private static boolean glob(String pattern, String value) {
            if (pattern.equals("*")) {
                return true;
            }
            int star = pattern.indexOf('*');
            if (star < 0) {
                return pattern.equals(value);
            }
            String prefix = pattern.substring(0, star);
            String suffix = pattern.substring(star + 1);
            return value.length() >= prefix.length() + suffix.length() && value.startsWith(prefix)
                    && value.endsWith(suffix);
        }
    }
}
