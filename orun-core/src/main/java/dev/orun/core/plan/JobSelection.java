package dev.orun.core.plan;

import dev.orun.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run-time job filters: {@code --component} (repeatable), {@code --env} (repeatable or
 * comma-separated) and {@code --job} (an exact id or a unique prefix).
 */
public final class JobSelection {

    private JobSelection() {
    }

    /**
     * The ids of the jobs the filters keep, in plan order. A filter that matches nothing, an
     * unknown job and an ambiguous prefix are bad input.
     */
    public static List<String> select(Plan plan, Collection<String> components,
                                      Collection<String> environments, String job) {
        Set<String> wantedComponents = new TreeSet<>(components == null ? List.of() : components);
        Set<String> wantedEnvironments = new TreeSet<>();
        if (environments != null) {
            for (String value : environments) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        wantedEnvironments.add(part.trim());
                    }
                }
            }
        }
        List<Job> kept = new ArrayList<>();
        for (Job candidate : plan.jobs()) {
            if ((wantedComponents.isEmpty() || wantedComponents.contains(candidate.component()))
                    && (wantedEnvironments.isEmpty()
                    || wantedEnvironments.contains(candidate.environment()))) {
                kept.add(candidate);
            }
        }
        if (kept.isEmpty() && !plan.jobs().isEmpty()) {
            throw new InvalidInputException("no job matches " + describe(wantedComponents,
                    wantedEnvironments) + " (plan components: " + String.join(", ",
                    values(plan, true)) + "; environments: " + String.join(", ",
                    values(plan, false)) + ")");
        }
        if (job == null || job.isBlank()) {
            return kept.stream().map(Job::id).toList();
        }
        return List.of(matchJob(kept, job.trim()));
    }

    private static String matchJob(List<Job> jobs, String wanted) {
        List<String> prefixed = new ArrayList<>();
        for (Job candidate : jobs) {
            if (candidate.id().equals(wanted)) {
                return candidate.id();
            }
            if (candidate.id().startsWith(wanted)) {
                prefixed.add(candidate.id());
            }
        }
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        if (prefixed.isEmpty()) {
            throw new InvalidInputException("job not found: " + wanted);
        }
        throw new InvalidInputException("--job " + wanted + " is ambiguous; it matches: "
                + String.join(", ", prefixed));
    }

    /**
     * The component and every component its jobs depend on, directly or not, as the plan's edges
     * say (used to scope a saved plan to the component the user stands in).
     */
    public static Set<String> componentClosure(Plan plan, String component) {
        Map<String, Job> byId = plan.jobsById();
        Set<String> components = new LinkedHashSet<>();
        components.add(component);
        List<Job> stack = new ArrayList<>(plan.jobs().stream()
                .filter(job -> component.equals(job.component())).toList());
        Set<String> seen = new LinkedHashSet<>();
        while (!stack.isEmpty()) {
            Job job = stack.remove(stack.size() - 1);
            for (String dep : job.dependsOn()) {
                Job upstream = byId.get(dep);
                if (upstream != null && seen.add(dep)) {
                    components.add(upstream.component());
                    stack.add(upstream);
                }
            }
        }
        return components;
    }

    private static String describe(Set<String> components, Set<String> environments) {
        List<String> parts = new ArrayList<>();
        if (!components.isEmpty()) {
            parts.add("--component " + String.join(",", components));
        }
        if (!environments.isEmpty()) {
            parts.add("--env " + String.join(",", environments));
        }
        return String.join(" ", parts);
    }

    private static Set<String> values(Plan plan, boolean component) {
        Set<String> values = new TreeSet<>();
        for (Job job : plan.jobs()) {
            String value = component ? job.component() : job.environment();
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }
}
