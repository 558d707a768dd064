package dev.orun.core.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One node of the plan DAG: a job of one component in one environment. {@code dependsOn} lists the
 * ids of jobs that must succeed first, sorted; {@code advisoryDependsOn} lists ordering hints that
 * are recorded but not enforced. {@code gates} are promotion prerequisites outside the plan
 * (advisory metadata for CI). {@code secretRefs} name secrets resolved at run time; their values
 * never appear in a plan. {@code uid}, {@code displayName} and {@code checkName} identify the job
 * to CI systems.
 *
 * <p><b>Made by</b> the compiler ({@code orun-plan}) or read from a plan file; <b>read by</b> the
 * engine and, through {@link dev.orun.core.runner.JobContext#job()}, by runners on the job's
 * thread. Immutable, so any thread may read it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"id", "uid", "displayName", "checkName", "name", "component", "environment", "composition",
        "job", "profile", "runsOn", "path", "dependsOn", "advisoryDependsOn", "dependencyMode", "gates", "timeout",
        "retries", "env", "secretRefs", "labels", "parameters", "steps"})
public record Job(
        String id,
        String name,
        String component,
        String environment,
        String composition,
        String job,
        String profile,
        String runsOn,
        String path,
        List<String> dependsOn,
        String timeout,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int retries,
        Map<String, String> env,
        Map<String, String> labels,
        Map<String, Object> parameters,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Step> steps,
        List<String> advisoryDependsOn,
        String dependencyMode,
        List<Gate> gates,
        List<SecretRef> secretRefs,
        String uid,
        String displayName,
        String checkName) {

    public Job {
        dependsOn = Collections2.sortedList(dependsOn);
        env = Collections2.sortedMap(env);
        labels = Collections2.sortedMap(labels);
        parameters = Collections2.sortedMap(parameters);
        steps = Collections2.list(steps);
        advisoryDependsOn = Collections2.sortedList(advisoryDependsOn);
        gates = Collections2.list(gates);
        secretRefs = secretRefs == null ? List.of()
                : secretRefs.stream().sorted(java.util.Comparator.comparing(SecretRef::asEnv)).toList();
    }

    /** A job without the compatibility fields (advisory edges, gates, secrets, CI identity). */
    public Job(String id, String name, String component, String environment, String composition, String job,
               String profile, String runsOn, String path, List<String> dependsOn, String timeout, int retries,
               Map<String, String> env, Map<String, String> labels, Map<String, Object> parameters,
               List<Step> steps) {
        this(id, name, component, environment, composition, job, profile, runsOn, path, dependsOn, timeout,
                retries, env, labels, parameters, steps, List.of(), null, List.of(), List.of(), null, null, null);
    }

    @JsonIgnore
    public JobId jobId() {
        return JobId.parse(id);
    }

    /** The same job with its CI identity set. */
    public Job withIdentity(String newUid, String newDisplayName, String newCheckName) {
        return new Job(id, name, component, environment, composition, job, profile, runsOn, path, dependsOn,
                timeout, retries, env, labels, parameters, steps, advisoryDependsOn, dependencyMode, gates,
                secretRefs, newUid, newDisplayName, newCheckName);
    }

    /**
     * A promotion prerequisite that is not part of this plan: the component must have succeeded in
     * {@code environment} before (checked by CI, not by {@code orun run}).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"type", "environment", "component", "condition", "match"})
    public record Gate(String type, String environment, String component, String condition,
                       Map<String, String> match) {
        public static final String ENVIRONMENT_PROMOTION = "environment-promotion";

        public Gate {
            match = Collections2.sortedMap(match);
        }
    }

    /** A secret the job's steps receive as env var {@code asEnv}, resolved at run time from {@code ref}. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonPropertyOrder({"asEnv", "ref", "optional"})
    public record SecretRef(String asEnv, String ref, boolean optional) {

        /**
         * The key a reference is stored and looked up by, on this machine and in a state server
         * alike: the last segment of its {@code secret://} path, upper-cased, anything but
         * {@code A-Z 0-9 _} turned into {@code _} ({@code secret://acme/env:dev/db-password} →
         * {@code DB_PASSWORD}; docs/decisions/local-secrets.md).
         */
        public static String keyOf(String ref) {
            String path = ref.startsWith("secret://") ? ref.substring("secret://".length()) : ref;
            int cut = path.indexOf('?');
            path = cut < 0 ? path : path.substring(0, cut);
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            String last = path.substring(path.lastIndexOf('/') + 1);
            return last.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        }
    }
}
