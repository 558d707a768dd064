package dev.orun.plan.internal.compile;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.plan.internal.model.EnvironmentDecl;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A bound job whose dependencies are still being added. */
final class JobDraft {
    final String id;
    final Instance instance;
    final String jobName;
    final String profile;
    final String runsOn;
    final String timeout;
    final int retries;
    final List<Step> steps;
    final List<Job.SecretRef> secretRefs;
    final Set<String> dependsOn = new HashSet<>();
    final Set<String> advisoryDependsOn = new HashSet<>();
    final java.util.Map<String, Job.Gate> gates = new java.util.TreeMap<>();

    JobDraft(String id, Instance instance, String jobName, String profile, String runsOn, String timeout,
             int retries, List<Step> steps, List<Job.SecretRef> secretRefs) {
        this.secretRefs = secretRefs;
        this.id = id;
        this.instance = instance;
        this.jobName = jobName;
        this.profile = profile;
        this.runsOn = runsOn;
        this.timeout = timeout;
        this.retries = retries;
        this.steps = steps;
    }

    Job toJob() {
        return new Job(id, jobName, instance.component().name(), instance.environment().name(),
                instance.component().type(), jobName, profile, runsOn, instance.path(),
                List.copyOf(dependsOn), timeout, retries, instance.env(), instance.component().labels(),
                instance.parameters(), steps, List.copyOf(advisoryDependsOn),
                EnvironmentDecl.ENFORCED.equals(instance.dependencyMode()) ? null : instance.dependencyMode(),
                List.copyOf(gates.values()), secretRefs, null, null, null);
    }
}
