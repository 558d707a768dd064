package dev.orun.plan.internal.model;

import java.util.List;
import java.util.Map;

/** {@code environments.<name>}. */
public record EnvironmentDecl(
        String name,
        List<String> componentSelectors,
        List<String> domainSelectors,
        Map<String, Map<String, Object>> parameterDefaults,
        Map<String, String> env,
        List<Promotion> promotions,
        int line) {

    /** Environment promotion: this environment's jobs wait for {@code environment}'s. */
    public record Promotion(String environment, String strategy, int line) {
        public static final String SAME_COMPONENT = "same-component";
        public static final String ENVIRONMENT_BARRIER = "environment-barrier";
    }
}
