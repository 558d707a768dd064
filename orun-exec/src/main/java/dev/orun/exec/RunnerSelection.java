package dev.orun.exec;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Plan;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the runner for a run, in this order: {@code --gha}, {@code --runner},
 * {@code ORUN_RUNNER}, {@code GITHUB_ACTIONS=true}, {@code github-actions} when the plan has a
 * {@code use:} step, else {@code local}. The name is then looked up with
 * {@link dev.orun.core.runner.Runners#find}.
 */
public final class RunnerSelection {

    public static final String LOCAL = "local";
    public static final String GITHUB_ACTIONS = "github-actions";

    private RunnerSelection() {
    }

    /**
     * @param gha         {@code --gha}
     * @param runnerFlag  {@code --runner}, or null
     * @param environment the process environment
     */
    public static String resolve(boolean gha, String runnerFlag, Map<String, String> environment,
                                 Plan plan) {
        String flag = normalise(runnerFlag);
        if (gha) {
            if (flag != null && !flag.equals(GITHUB_ACTIONS)) {
                throw new InvalidInputException("--gha conflicts with --runner " + flag
                        + " (--gha means --runner github-actions)");
            }
            return GITHUB_ACTIONS;
        }
        if (flag != null) {
            return flag;
        }
        String fromEnv = normalise(environment.get("ORUN_RUNNER"));
        if (fromEnv != null) {
            return fromEnv;
        }
        if ("true".equalsIgnoreCase(environment.getOrDefault("GITHUB_ACTIONS", ""))) {
            return GITHUB_ACTIONS;
        }
        boolean usesActions = plan != null && plan.jobs().stream()
                .flatMap(job -> job.steps().stream()).anyMatch(step -> step.isAction());
        return usesActions ? GITHUB_ACTIONS : LOCAL;
    }

    private static String normalise(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
