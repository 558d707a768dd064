package dev.orun.cli.render;

import dev.orun.core.plan.JobId;

/** How jobs are named on screen: the short job name, or {@code component·environment/job} inline. */
final class Labels {

    private Labels() {
    }

    static String shortName(String jobId) {
        try {
            return JobId.parse(jobId).job();
        } catch (RuntimeException e) {
            return jobId;
        }
    }

    static String component(String jobId) {
        try {
            return JobId.parse(jobId).component();
        } catch (RuntimeException e) {
            return jobId;
        }
    }

    static String inline(String jobId) {
        try {
            JobId id = JobId.parse(jobId);
            return id.component() + "·" + id.environment() + "/" + id.job();
        } catch (RuntimeException e) {
            return jobId;
        }
    }

    /** {@code env/job} under a component header. */
    static String underComponent(String jobId) {
        try {
            JobId id = JobId.parse(jobId);
            return id.environment() + "/" + id.job();
        } catch (RuntimeException e) {
            return jobId;
        }
    }
}
