package dev.orun.plan.internal.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A component, declared inline in {@code intent.yaml} or in a {@code component.yaml}.
 * {@code path} is the authored path (null when not set); {@code defaultPath} is the manifest's
 * directory relative to the workspace root ({@code ./} at the root; null for inline components).
 */
public record ComponentDecl(
        String name,
        String type,
        int typeLine,
        String domain,
        String path,
        String defaultPath,
        Map<String, String> env,
        Map<String, Object> parameters,
        List<Subscription> subscriptions,
        List<DependencyDecl> dependsOn,
        Map<String, String> labels,
        List<StepDef> overrideSteps,
        String compositionSource,
        String compositionName,
        Path file,
        int line,
        List<String> changeWatches,
        Map<String, String> secretEnv,
        Map<String, String> optionalSecretEnv) {

    /** One {@code subscribe.environments[]} entry. */
    public record Subscription(String name, String profile, Map<String, String> env,
                               Map<String, Object> parameters, int line, String dependencyMode,
                               Map<String, String> secretEnv, List<TriggerRule> profileRules,
                               List<TriggerRule> dependencyRules) {

        /** The first rule whose trigger binding fired, if any. */
        public static java.util.Optional<TriggerRule> firstFired(List<TriggerRule> rules,
                                                                 java.util.Collection<String> fired) {
            return rules.stream().filter(rule -> fired.contains(rule.triggerRef())).findFirst();
        }
    }

    /**
     * One {@code dependsOn[]} entry; {@code environment} null means "the same environment".
     * {@code input}: the target's sources are build inputs of this component (change detection).
     */
    public record DependencyDecl(String component, String environment, boolean always, int line, boolean input) {
    }
}
