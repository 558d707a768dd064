package dev.orun.exec.records;

import dev.orun.core.plan.ExecutionSettings;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.plan.PlanMetadata;
import dev.orun.core.plan.Step;
import dev.orun.core.state.RunDescriptor;
import java.util.ArrayList;
import java.util.List;

/** Small real plans for the records tests. */
final class TestPlans {

    private TestPlans() {
    }

    static Step step(String id) {
        return new Step(id, id, "main", 0, "echo " + id, null, null, null, null, null, null, 0, null, null);
    }

    static Job job(String id, String... steps) {
        var jobId = dev.orun.core.plan.JobId.parse(id);
        List<Step> list = new ArrayList<>();
        for (String step : steps) {
            list.add(step(step));
        }
        return new Job(id, jobId.job(), jobId.component(), jobId.environment(), "shell", jobId.job(),
                null, null, ".", null, null, 0, null, null, null, list);
    }

    /** {@code api@dev.build} (compile, test) and {@code api@dev.deploy} (push). */
    static Plan plan(String name) {
        return plan(name, job("api@dev.build", "compile", "test"), job("api@dev.deploy", "push"));
    }

    static Plan plan(String name, Job... jobs) {
        return PlanJson.withChecksum(Plan.of(new PlanMetadata(name, null, null, null, null),
                ExecutionSettings.defaults(), List.of(jobs)));
    }

    static RunDescriptor run(String execId, Plan plan) {
        return new RunDescriptor(execId, plan, "local", "manual", "tester");
    }
}
