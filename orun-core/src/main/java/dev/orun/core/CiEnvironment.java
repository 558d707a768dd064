package dev.orun.core;

import java.util.List;
import java.util.Map;

/**
 * Whether a process runs under a CI service, judged from its environment — the one place orun
 * decides it (plain output instead of a live view, the {@code ci} trigger of a run).
 */
public final class CiEnvironment {

    /** Variables CI services set; {@code CI} is the common one, the rest name a service. */
    private static final List<String> MARKERS = List.of("CI", "GITHUB_ACTIONS", "GITLAB_CI",
            "CIRCLECI", "BUILDKITE", "JENKINS_URL", "TF_BUILD", "TEAMCITY_VERSION");

    private CiEnvironment() {
    }

    /** True when one of the markers is set to something other than empty or {@code false}. */
    public static boolean detected(Map<String, String> environment) {
        for (String name : MARKERS) {
            String value = environment.get(name);
            if (value != null && !value.isBlank() && !value.trim().equalsIgnoreCase("false")) {
                return true;
            }
        }
        return false;
    }
}
