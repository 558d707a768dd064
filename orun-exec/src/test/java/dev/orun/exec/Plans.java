package dev.orun.exec;

import dev.orun.core.plan.ExecutionSettings;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.plan.PlanMetadata;
import dev.orun.core.plan.Step;
import java.util.List;
import java.util.Map;

/** Small plans for tests, built the way the compiler emits them. */
final class Plans {

    private Plans() {
    }

    static Step run(String id, String script) {
        return new Step(id, null, null, 0, script, null, null, null, null, null, null, 0, null, null);
    }

    static Step step(String id, String script, String timeout, int retry, String onFailure,
                     String phase) {
        return new Step(id, null, phase, 0, script, null, null, null, null, null, timeout, retry,
                onFailure, null);
    }

    static Step shell(String id, String shell, String script) {
        return new Step(id, null, null, 0, script, null, null, null, shell, null, null, 0, null, null);
    }

    static Step use(String id, String action) {
        return new Step(id, null, null, 0, null, action, null, null, null, null, null, 0, null, null);
    }

    static Job job(String component, String env, String name, String path, List<String> dependsOn,
                   Step... steps) {
        return new Job(component + "@" + env + "." + name, name, component, env, "shell", name,
                null, null, path, dependsOn, null, 0, Map.of(), Map.of(), Map.of(), List.of(steps));
    }

    static Job withTimeout(Job job, String timeout, int retries) {
        return new Job(job.id(), job.name(), job.component(), job.environment(), job.composition(),
                job.job(), job.profile(), job.runsOn(), job.path(), job.dependsOn(), timeout,
                retries, job.env(), job.labels(), job.parameters(), job.steps());
    }

    static Job withEnv(Job job, Map<String, String> env) {
        return new Job(job.id(), job.name(), job.component(), job.environment(), job.composition(),
                job.job(), job.profile(), job.runsOn(), job.path(), job.dependsOn(), job.timeout(),
                job.retries(), env, job.labels(), job.parameters(), job.steps());
    }

    static Plan plan(boolean failFast, int concurrency, Job... jobs) {
        Plan plan = Plan.of(new PlanMetadata("test", null, null, null, null),
                new ExecutionSettings(concurrency, failFast, null), List.of(jobs));
        return PlanJson.withChecksum(plan);
    }
}
