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
        int line,
        String dependencyMode,
        Map<String, String> secretEnv,
        List<String> triggerRefs) {

    public static final String ENFORCED = "enforced";
    public static final String ADVISORY = "advisory";
    public static final String DISABLED = "disabled";

    /**
     * Environment promotion: this environment's jobs wait for {@code environment}'s when both are
     * in the plan ({@code satisfy} allowing same-plan), or carry a gate when it is not
     * ({@code satisfy} allowing previous-success).
     */
    public record Promotion(String environment, String strategy, int line, String condition, String satisfy,
                            String matchRevision) {
        public static final String SAME_COMPONENT = "same-component";
        public static final String ENVIRONMENT_BARRIER = "environment-barrier";
        public static final String SAME_PLAN = "same-plan";
        public static final String PREVIOUS_SUCCESS = "previous-success";
        public static final String SAME_PLAN_OR_PREVIOUS_SUCCESS = "same-plan-or-previous-success";

        public Promotion(String environment, String strategy, int line) {
            this(environment, strategy, line, "success", SAME_PLAN_OR_PREVIOUS_SUCCESS, "source");
        }

        public boolean edgesWhenPresent() {
            return SAME_PLAN.equals(satisfy) || SAME_PLAN_OR_PREVIOUS_SUCCESS.equals(satisfy);
        }

        public boolean gateWhenAbsent() {
            return PREVIOUS_SUCCESS.equals(satisfy) || SAME_PLAN_OR_PREVIOUS_SUCCESS.equals(satisfy);
        }
    }
}
