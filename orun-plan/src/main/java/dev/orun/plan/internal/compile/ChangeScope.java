package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.plan.PlanMetadata;
import dev.orun.core.plan.PlanScope;
import dev.orun.plan.CompiledPlan;
import dev.orun.plan.internal.load.WorkspaceModel;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.ComponentDecl.DependencyDecl;
import dev.orun.plan.internal.model.Composition;
import dev.orun.plan.internal.model.CompositionSourceDecl;
import dev.orun.plan.internal.model.EnvironmentDecl;
import dev.orun.plan.changes.ChangeDetector;
import dev.orun.plan.changes.ChangeRequest;
import dev.orun.plan.changes.ChangeSet;
import dev.orun.plan.changes.ComponentLocation;
import dev.orun.plan.changes.CompositionLocation;
import dev.orun.plan.changes.DependencyRule;
import dev.orun.plan.changes.OwnershipModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Wires change detection into the compiler: describes the loaded workspace to the detector,
 * narrows the selection to the changed components, and marks the plan {@code scope.mode: changed}
 * with the number of changed files.
 */
public final class ChangeScope {

    /** How many component names the one-line summary shows; --explain lists them all. */
    private static final int SUMMARY_NAMES = 10;

    private final PlanCoverage selection;
    private final ChangeSet changes;

    private ChangeScope(PlanCoverage selection, ChangeSet changes) {
        this.selection = selection;
        this.changes = changes;
    }

    public static boolean requested(ChangeRequest request) {
        return request != null && request.changed();
    }

    /** Detects the changes and narrows {@code base} (environments and filters stay as they are). */
    public static ChangeScope detect(WorkspaceModel model, Path intentFile, ChangeRequest request,
                                     PlanCoverage base, Map<String, String> env) {
        ChangeSet changes = ChangeDetector.detect(model.root(), intentFile, request,
                ownership(model), env);
        SortedSet<String> components = new TreeSet<>(base.components());
        components.retainAll(changes.components());
        List<String> notes = new ArrayList<>(base.notes());
        if (request.explain()) {
            changes.explanation().forEach(line -> notes.add("changes: " + line));
        }
        notes.add(summary(changes, components));
        return new ChangeScope(new PlanCoverage(components, base.environments(), true, notes, base.trigger()), changes);
    }

    public PlanCoverage selection() {
        return selection;
    }

    /** The compiled plan with {@code metadata.scope.mode = changed} and the changed-file count. */
    public CompiledPlan mark(CompiledPlan compiled) {
        Plan plan = compiled.plan();
        PlanMetadata m = plan.metadata();
        PlanScope old = m.scope();
        PlanScope scope = new PlanScope(old == null ? List.of() : old.components(),
                old == null ? List.of() : old.environments(), PlanScope.MODE_CHANGED, changes.changedFiles().size());
        Plan marked = PlanJson.withChecksum(plan.withMetadata(
                new PlanMetadata(m.name(), m.description(), null, m.source(), scope, m.namespace(), m.trigger())));
        return new CompiledPlan(marked, compiled.notes(), compiled.warnings());
    }

    private static String summary(ChangeSet changes, SortedSet<String> components) {
        int files = changes.changedFiles().size();
        String head = "changes: " + files + (files == 1 ? " changed file" : " changed files");
        if (components.isEmpty()) {
            return head + ", no components changed";
        }
        List<String> shown = components.stream().limit(SUMMARY_NAMES).toList();
        String more = components.size() > shown.size() ? ", … (+" + (components.size() - shown.size()) + ")" : "";
        return head + " → " + components.size() + (components.size() == 1 ? " component: " : " components: ")
                + String.join(", ", shown) + more;
    }

    /** The workspace as change detection sees it. */
    static OwnershipModel ownership(WorkspaceModel model) {
        List<ComponentLocation> components = new ArrayList<>();
        List<DependencyRule> rules = new ArrayList<>();
        Set<CompositionLocation> compositions = new LinkedHashSet<>();
        Map<String, String> sourceDirs = new java.util.HashMap<>();
        for (CompositionSourceDecl source : model.intent().sources()) {
            sourceDirs.put(source.name(), source.path());
        }
        for (ComponentDecl c : model.components().values()) {
            boolean inline = c.defaultPath() == null;
            String dir = inline ? ownedInlineDir(c.path()) : c.defaultPath();
            List<String> environments = new ArrayList<>();
            for (EnvironmentDecl environment : model.intent().environments().values()) {
                if (MatrixExpander.included(c, environment)) {
                    environments.add(environment.name());
                }
            }
            components.add(new ComponentLocation(c.name(), dir, c.type(), inline ? null : slash(c.file()),
                    c.changeWatches(), environments));
            for (DependencyDecl d : c.dependsOn()) {
                rules.add(new DependencyRule(c.name(), d.component(), d.always(), d.input()));
            }
            compositionOf(model, c, sourceDirs).ifPresent(compositions::add);
        }
        return new OwnershipModel(components, List.copyOf(compositions), rules, model.intent().catalogExcludes());
    }

    /** An inline component owns its authored path, unless that path is templated per environment. */
    private static String ownedInlineDir(String path) {
        return path == null || path.contains("{{") ? null : path;
    }

    private static java.util.Optional<CompositionLocation> compositionOf(WorkspaceModel model, ComponentDecl c,
                                                                         Map<String, String> sourceDirs) {
        try {
            Composition composition = model.compositions().forComponent(c);
            String sourceDir = sourceDirs.get(composition.sourceName());
            Path file = composition.file();
            String typeDir = file == null || file.getParent() == null ? null : slash(file.getParent());
            return sourceDir == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new CompositionLocation(c.type(), sourceDir, typeDir));
        } catch (InvalidInputException e) {
            return java.util.Optional.empty(); // the compiler reports the unknown type itself
        }
    }

    private static String slash(Path path) {
        return path.toString().replace('\\', '/');
    }
}
