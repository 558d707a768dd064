package dev.orun.exec;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.Runner;
import java.nio.file.Path;
import java.util.List;

/**
 * Refuses, before any job starts, steps the chosen runner cannot honour: {@code use:} actions on
 * a runner without GitHub-Actions support, and {@code if:} conditions on a runner that does not
 * evaluate them (running them unconditionally would be wrong). Then lets the runner check the jobs
 * itself (missing actions, for example).
 */
final class RunnerPreflight {

    private RunnerPreflight() {
    }

    /**
     * Refuses a plan with a {@code workflow:} step before any runner or job starts: this orun has
     * no flow engine, and running the rest without it would be a silent skip
     * (docs/decisions/go-planner-compatibility.md).
     */
    static void refuseWorkflowSteps(List<Job> jobs) {
        for (Job job : jobs) {
            for (Step step : job.steps()) {
                if (step.callsWorkflow()) {
                    throw new InvalidInputException("job " + job.id() + ", step " + label(step)
                            + " is a workflow step (workflow: " + step.workflow() + "); " + WORKFLOW_NOTE);
                }
            }
        }
    }

    /** Why a workflow step cannot run here; the dry run shows the same note. */
    static final String WORKFLOW_NOTE = "workflow steps need the Go orun's flow engine, which this orun does not have";

    static void check(Runner runner, List<Job> jobs, Path workspaceRoot) {
        for (Job job : jobs) {
            for (Step step : job.steps()) {
                if (step.isAction() && !runner.runsActions()) {
                    throw new InvalidInputException("job " + job.id() + ", step " + label(step)
                            + " uses a GitHub Action (use: " + step.use() + "), which the "
                            + runner.name() + " runner cannot run; rerun with --gha or --runner "
                            + "github-actions");
                }
                if (step.hasCondition() && !runner.evaluatesConditions()) {
                    throw new InvalidInputException("job " + job.id() + ", step " + label(step)
                            + " has an if: condition, which the " + runner.name() + " runner "
                            + "does not evaluate; rerun with --gha or --runner github-actions");
                }
            }
        }
        runner.checkJobs(jobs, workspaceRoot);
    }

    private static String label(Step step) {
        if (step.id() != null && !step.id().isBlank()) {
            return step.id();
        }
        return step.name() != null && !step.name().isBlank() ? step.name() : "(unnamed)";
    }
}
