package dev.orun.plan;

import dev.orun.core.InvalidInputException;
import dev.orun.core.OrunException;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.plan.JobSelection;
import dev.orun.core.plan.PlanScope;
import dev.orun.plan.changes.ChangeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which plan {@code orun run} executes and which of its jobs, following the seed's
 * resolution table: no reference → a fresh plan from the intent; a saved plan's name; a checksum
 * prefix; an existing plan file; otherwise a component name → a fresh plan scoped to that
 * component and its transitive dependencies. Then the run-time filters ({@code --component},
 * {@code --env}, {@code --job}) and, for saved plans, scoping to the component the current
 * directory is in (unless {@code --all}).
 */
public final class PlanSelector {

    private final Map<String, String> environment;

    /** A selector whose fresh plans read this process's environment (CI refs). */
    public PlanSelector() {
        this(System.getenv());
    }

    /** A selector whose fresh plans read {@code environment} for CI refs instead. */
    public PlanSelector(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * What the user asked for.
     *
     * @param reference    the positional argument, or null
     * @param planFlag     the deprecated {@code --plan/-p} value, or null
     * @param intentFile   {@code -i}, or null
     * @param changes      the change-detection flags; null when not used
     */
    public record Request(String reference, String planFlag, Path cwd, Path intentFile,
                          List<String> components, List<String> environments, boolean all,
                          String job, ChangeRequest changes, TriggerRequest trigger) {
        public Request {
            components = components == null ? List.of() : List.copyOf(components);
            environments = environments == null ? List.of() : List.copyOf(environments);
        }

        public Request(String reference, String planFlag, Path cwd, Path intentFile, List<String> components,
                       List<String> environments, boolean all, String job, ChangeRequest changes) {
            this(reference, planFlag, cwd, intentFile, components, environments, all, job, changes, null);
        }
    }

    /**
     * The outcome.
     *
     * @param workspaceRoot where jobs' paths are resolved and {@code .orun} lives
     * @param jobIds        the selected jobs
     * @param notes         lines for stderr ({@code context: …}, {@code hint: …})
     * @param warnings      {@code warning: …} lines for stderr
     * @param planWarnings  what compiling a fresh plan warned about (empty for a saved plan)
     */
    public record SelectedPlan(Plan plan, boolean fresh, Path workspaceRoot, List<String> jobIds,
                            List<String> notes, List<String> warnings, List<PlanWarning> planWarnings) {
        public SelectedPlan {
            planWarnings = planWarnings == null ? List.of() : List.copyOf(planWarnings);
        }
    }

    /**
     * Saves a plan compiled for this run under {@code .orun/plans/} (by checksum and as
     * {@code latest}), so the plan id the run prints resolves in {@code orun run ID},
     * {@code orun plan show ID}; nothing to do for a saved plan.
     */
    public void saveFresh(SelectedPlan selection, Path intentFile) {
        if (selection.fresh()) {
            new PlanStore(Workspace.discover(selection.workspaceRoot(), intentFile)).save(selection.plan(), null);
        }
    }

    public SelectedPlan select(Request request) {
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String reference = request.reference();
        if (request.planFlag() != null) {
            warnings.add("warning: --plan is deprecated; pass the plan reference as an argument: "
                    + "orun run " + request.planFlag());
            if (reference != null && !reference.equals(request.planFlag())) {
                throw new InvalidInputException("both a plan argument (" + reference
                        + ") and --plan (" + request.planFlag() + ") were given; pass one");
            }
            reference = request.planFlag();
        }
        Path cwd = request.cwd().toAbsolutePath().normalize();
        Optional<Workspace> workspace = discover(cwd, request.intentFile(), reference);
        if (reference != null) {
            Optional<Plan> saved = findSaved(workspace, cwd, reference);
            if (saved.isPresent()) {
                Path root = workspace.map(Workspace::root).orElse(cwd);
                if (request.changes() != null && request.changes().changed()) {
                    notes.add("note: change-detection flags are ignored for a saved plan");
                }
                return savedSelection(saved.get(), workspace, root, request, notes, warnings);
            }
            Workspace ws = workspace.orElseThrow(() -> new InvalidInputException(
                    "no saved plan or plan file matches \"" + request.reference()
                            + "\" and there is no intent.yaml here to compile one"));
            Planner planner = new Planner(ws, environment);
            if (!planner.componentNames().contains(reference)) {
                throw new InvalidInputException("\"" + reference + "\" is neither a saved plan "
                        + "(name or checksum prefix), a plan file, nor a component (components: "
                        + String.join(", ", planner.componentNames()) + "; saved plans: "
                        + savedPlanNames(ws) + ")");
            }
            return fresh(planner, ws, request, List.of(reference), notes, warnings);
        }
        Workspace ws = workspace.orElseThrow(() -> new InvalidInputException(
                "no intent.yaml found in " + cwd + " or its parents; pass -i FILE or a plan file"));
        return fresh(new Planner(ws, environment), ws, request, List.of(), notes, warnings);
    }

    private static Optional<Workspace> discover(Path cwd, Path intentFile, String reference) {
        try {
            return Optional.of(Workspace.discover(cwd, intentFile));
        } catch (OrunException e) {
            if (intentFile == null && reference != null) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Optional<Plan> findSaved(Optional<Workspace> workspace, Path cwd, String ref) {
        Path asFile = cwd.resolve(ref);
        if (workspace.isEmpty()) {
            return Files.isRegularFile(asFile) ? Optional.of(PlanJson.read(asFile)) : Optional.empty();
        }
        PlanStore store = new PlanStore(workspace.get());
        Optional<SavedPlan> found = store.find(ref);
        if (found.isEmpty() && Files.isRegularFile(asFile)) {
            found = store.find(asFile.toString());
        }
        return found.map(SavedPlan::plan);
    }

    private static SelectedPlan fresh(Planner planner, Workspace ws, Request request,
                                   List<String> scope, List<String> notes,
                                   List<String> warnings) {
        CompiledPlan compiled = planner.compile(new PlanRequest(request.environments(),
                request.components(), request.all(), request.cwd(), null, request.changes())
                .withScope(scope).withTrigger(request.trigger()));
        notes.addAll(compiled.notes());
        Plan plan = compiled.plan();
        List<String> jobs = plan.jobs().isEmpty() ? List.of()
                : JobSelection.select(plan, List.of(), List.of(), request.job());
        return new SelectedPlan(plan, true, ws.root(), jobs, notes, warnings, compiled.warnings());
    }

    private SelectedPlan savedSelection(Plan plan, Optional<Workspace> workspace, Path root,
                                            Request request, List<String> notes,
                                            List<String> warnings) {
        List<String> components = request.components();
        if (components.isEmpty() && !request.all() && workspace.isPresent()) {
            Optional<String> here = ComponentContext.componentAt(workspace.get(), request.cwd());
            if (here.isPresent()) {
                boolean inPlan = plan.jobs().stream()
                        .anyMatch(job -> here.get().equals(job.component()));
                Set<String> scope = inPlan ? JobSelection.componentClosure(plan, here.get())
                        : scopeFromIntent(workspace.get(), here.get());
                components = List.copyOf(scope);
                notes.add(scopeNote(here.get(), scope));
                notes.add("hint: pass --all to include all components");
                scopeMismatch(plan, scope).ifPresent(warnings::add);
            }
        }
        List<String> jobs = plan.jobs().isEmpty() ? List.of()
                : JobSelection.select(plan, components, request.environments(), request.job());
        return new SelectedPlan(plan, false, root, jobs, notes, warnings, List.of());
    }

    /**
     * The component and its transitive dependencies as the intent declares them, compiled with the
     * same environment as a fresh plan (so a legacy {@code ORUN_CONFIG_DIR}/{@code --config-dir}
     * supplies the same compositions).
     */
    private Set<String> scopeFromIntent(Workspace workspace, String component) {
        try {
            Plan scoped = new Planner(workspace, environment).compile(new PlanRequest(List.of(),
                    List.of(), false, null, null, null).withScope(List.of(component))).plan();
            Set<String> scope = new TreeSet<>();
            scoped.jobs().forEach(job -> scope.add(job.component()));
            scope.add(component);
            return scope;
        } catch (OrunException e) {
            return Set.of(component);
        }
    }

    private static String scopeNote(String component, Set<String> scope) {
        List<String> deps = new ArrayList<>(new TreeSet<>(scope));
        deps.remove(component);
        if (deps.isEmpty()) {
            return "context: auto-scoped to component " + component;
        }
        return "context: auto-scoped to component " + component + " (+" + deps.size()
                + (deps.size() == 1 ? " dependency: " : " dependencies: ")
                + String.join(", ", deps) + ")";
    }

    private static Optional<String> scopeMismatch(Plan plan, Set<String> current) {
        PlanScope scope = plan.metadata().scope();
        if (scope == null || scope.components().isEmpty()) {
            return Optional.empty();
        }
        Set<String> generated = new TreeSet<>(scope.components());
        Set<String> now = new TreeSet<>(current);
        if (generated.equals(now)) {
            return Optional.empty();
        }
        return Optional.of("warning: plan was generated for [" + String.join(", ", generated)
                + "] but current scope is [" + String.join(", ", now) + "]");
    }

    private static String savedPlanNames(Workspace workspace) {
        List<String> names = new PlanStore(workspace).list().stream()
                .map(saved -> saved.file().getFileName().toString().replaceFirst("\\.json$", ""))
                .sorted().toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
