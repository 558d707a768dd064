package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.plan.PlanMetadata;
import dev.orun.core.plan.PlanScope;
import dev.orun.core.plan.PlanSource;
import dev.orun.plan.CompiledPlan;
import dev.orun.plan.internal.load.WorkspaceModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compiler's stages after loading: validate the model, select, expand the matrix, bind jobs
 * and render steps, add edges, reject cycles, and assemble the checksummed plan.
 */
public final class PlanCompiler {

    private PlanCompiler() {
    }

    public static CompiledPlan compile(WorkspaceModel model, PlanCoverage selection, PlanSource source) {
        ModelValidator.validate(model);
        List<Instance> instances = new MatrixExpander(model, selection.firedBindings()).expand(selection.components(), selection.environments());
        List<JobDraft> drafts = bindAll(instances, new JobBinder(model.root(), model.intent().secretScope(), selection.firedBindings()));
        EdgeBuilder.addEdges(drafts, selection.environments(), model.intent().environments());
        List<Job> jobs = drafts.parallelStream().map(JobDraft::toJob).toList();
        rejectCycles(jobs, model);
        Set<String> components = new TreeSet<>();
        Set<String> environments = new TreeSet<>();
        jobs.forEach(job -> {
            components.add(job.component());
            environments.add(job.environment());
        });
        PlanScope scope = new PlanScope(List.copyOf(components), List.copyOf(environments),
                selection.scoped() ? PlanScope.MODE_SCOPED : PlanScope.MODE_FULL, null);
        PlanMetadata metadata = new PlanMetadata(model.intent().name(), model.intent().description(), null,
                source, scope, model.intent().namespace(), trigger(selection));
        Plan plan = PlanJson.withChecksum(Plan.of(metadata, model.intent().execution(),
                JobIdentity.assign(Plan.of(metadata, model.intent().execution(), jobs)))
                .withSpec(model.compositions().provenance(model.intent())));
        List<String> notes = new java.util.ArrayList<>(selection.notes());
        notes.addAll(model.compositions().notices());
        return new CompiledPlan(plan, notes, model.warnings().list());
    }

    /** The trigger block of a plan compiled for a trigger (go-orun-plan.md §5.1 {@code metadata.trigger}). */
    private static dev.orun.core.plan.PlanTrigger trigger(PlanCoverage selection) {
        PlanCoverage.TriggerOutcome outcome = selection.trigger();
        if (outcome == null) {
            return null;
        }
        return new dev.orun.core.plan.PlanTrigger(dev.orun.core.plan.PlanTrigger.TYPE_DECLARED,
                outcome.fired().isEmpty() ? null : outcome.fired().get(0), outcome.provider(), outcome.event(),
                blankToNull(outcome.action()), outcome.fired(), List.copyOf(selection.environments()), outcome.scope(),
                outcome.base(), outcome.head());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public static PlanCoverage select(WorkspaceModel model, dev.orun.plan.PlanRequest request, Optional<String> context) {
        return new Scoper(model).select(request, context);
    }

    /** Binds in parallel; the error reported is the first in matrix order, so it never varies. */
    private static List<JobDraft> bindAll(List<Instance> instances, JobBinder binder) {
        List<Object> results = instances.parallelStream().<Object>map(instance -> {
            try {
                return binder.bind(instance);
            } catch (InvalidInputException e) {
                return e;
            }
        }).toList();
        List<JobDraft> drafts = new java.util.ArrayList<>();
        for (Object result : results) {
            if (result instanceof InvalidInputException e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            List<JobDraft> bound = (List<JobDraft>) result;
            drafts.addAll(bound);
        }
        return drafts;
    }

    private static void rejectCycles(List<Job> jobs, WorkspaceModel model) {
        Map<String, List<String>> edges = new HashMap<>(jobs.size() * 2);
        jobs.forEach(job -> edges.put(job.id(), job.dependsOn()));
        CycleDetector.findCycle(edges).ifPresent(cycle -> {
            throw CycleLocation.error(cycle, model);
        });
    }
}
