package dev.orun.plan;

import dev.orun.plan.changes.ChangeRequest;
import dev.orun.plan.internal.compile.ChangeScope;
import dev.orun.plan.internal.compile.GitSource;
import dev.orun.plan.internal.compile.PlanCompiler;
import dev.orun.plan.internal.compile.PlanCoverage;
import dev.orun.plan.internal.load.WorkspaceModel;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The compiler facade: loads the workspace's declared model and compiles it into a plan. Every
 * problem with the input surfaces as an {@link dev.orun.core.InvalidInputException} (exit code 2)
 * naming the file and line; nothing is written.
 */
public final class Planner {

    private final Workspace workspace;
    private final Map<String, String> environment;

    /** A planner that reads this process's environment (CI variables for change detection). */
    public Planner(Workspace workspace) {
        this(workspace, System.getenv());
    }

    /**
     * @param environment the variables consulted instead of this process's: CI refs for change
     *                    detection (such as {@code GITHUB_BASE_REF}), and for OCI composition
     *                    sources {@code HOME}, {@code ORUN_OCI_CACHE} and {@code DOCKER_CONFIG}
     */
    public Planner(Workspace workspace, Map<String, String> environment) {
        this.workspace = workspace;
        this.environment = Map.copyOf(environment);
    }

    public Workspace workspace() {
        return workspace;
    }

    /** Compiles a fully validated plan. */
    public CompiledPlan compile(PlanRequest request) {
        WorkspaceModel model = load();
        boolean changed = ChangeScope.requested(request.changes());
        Optional<String> context = request.components().isEmpty() && request.scope().isEmpty()
                && !request.all() && !changed
                ? ComponentContext.componentAt(workspace, request.cwd()) : Optional.empty();
        PlanCoverage selection = PlanCompiler.select(model, request, context);
        ChangeRequest changes = withTriggerScope(request.changes(), selection.trigger());
        if (ChangeScope.requested(changes)) {
            ChangeScope scope = ChangeScope.detect(model, workspace.intentFile(), changes, selection,
                    environment);
            return scope.mark(PlanCompiler.compile(model, scope.selection(), GitSource.of(workspace.root())));
        }
        return PlanCompiler.compile(model, selection, GitSource.of(workspace.root()));
    }

    /**
     * A trigger binding with {@code plan.scope: changed} switches change detection on, with the
     * event's base and head unless {@code --base}/{@code --head} were given (go-orun-plan.md §1.4).
     */
    private static ChangeRequest withTriggerScope(ChangeRequest requested, PlanCoverage.TriggerOutcome trigger) {
        if (trigger == null || !trigger.changedScope()) {
            return requested;
        }
        ChangeRequest base = requested == null ? ChangeRequest.none() : requested;
        boolean refsGiven = base.base() != null || base.head() != null;
        return new ChangeRequest(true, refsGiven ? base.base() : trigger.base(),
                refsGiven ? base.head() : trigger.head(), base.files(), base.uncommitted(), base.untracked(),
                base.explain());
    }

    /** Loads and compiles everything; throws the first error found. */
    public void validate() {
        compile(PlanRequest.full());
    }

    /** The names of all declared components (inline and discovered), sorted. */
    public SortedSet<String> componentNames() {
        return new TreeSet<>(load().components().keySet());
    }

    private WorkspaceModel load() {
        return WorkspaceModel.load(workspace.root(), workspace.intentFile(), environment);
    }
}
