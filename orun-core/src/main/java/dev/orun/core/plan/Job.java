package dev.orun.core.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One node of the plan DAG: a job of one component in one environment. {@code dependsOn} lists the
 * ids of jobs that must succeed first, sorted.
 *
 * <p><b>Made by</b> the compiler ({@code orun-plan}) or read from a plan file; <b>read by</b> the
 * engine and, through {@link dev.orun.core.runner.JobContext#job()}, by runners on the job's
 * thread. Immutable, so any thread may read it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"id", "name", "component", "environment", "composition", "job", "profile",
        "runsOn", "path", "dependsOn", "timeout", "retries", "env", "labels", "parameters", "steps"})
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
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Step> steps) {

    public Job {
        dependsOn = Collections2.sortedList(dependsOn);
        env = Collections2.sortedMap(env);
        labels = Collections2.sortedMap(labels);
        parameters = Collections2.sortedMap(parameters);
        steps = Collections2.list(steps);
    }

    @JsonIgnore
    public JobId jobId() {
        return JobId.parse(id);
    }
}
