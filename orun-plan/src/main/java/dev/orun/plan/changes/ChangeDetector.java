package dev.orun.plan.changes;

import dev.orun.core.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Change detection: which components a change touches. Finds the changed files (git, the working
 * tree or an explicit list), maps each to its owners, reads what changed inside intent.yaml, and
 * returns the selection with an explanation of every decision.
 */
public final class ChangeDetector {

    /** How many changed files the explanation lists before summarising the rest. */
    static final int EXPLAIN_FILE_LIMIT = 200;

    private ChangeDetector() {
    }

    /**
     * @param workspaceRoot directory holding intent.yaml
     * @param intentFile    the intent file (absolute, or relative to the workspace root)
     * @param req           the request; {@code changed()} is not consulted, the caller decided
     * @param model         components, compositions and dependency rules of the workspace
     * @param env           environment variables, for the CI defaults of base and head
     * @throws InvalidInputException for conflicting flags, unknown refs, paths outside the
     *                               workspace, missing git, or a shallow clone lacking history
     */
    public static ChangeSet detect(Path workspaceRoot, Path intentFile, ChangeRequest req,
                                   OwnershipModel model, Map<String, String> env) {
        long started = System.nanoTime();
        ChangeRequestCheck.validate(req);
        Path root = workspaceRoot.toAbsolutePath().normalize();
        String intentRel = WorkspacePaths.clean(root.relativize(root.resolve(intentFile).normalize()).toString());
        ChangedFiles changed = new ChangedFileSource(root, intentRel).collect(req, env);

        List<String> lines = new ArrayList<>(changed.explanation());
        OwnershipMap owners = new OwnershipMap(model, intentRel);
        SortedSet<String> direct = new TreeSet<>();
        int listed = 0;
        boolean intentChanged = false;
        for (String file : changed.files()) {
            String line;
            if (owners.isIntentFile(file)) {
                intentChanged = true;
                line = file + " → intent (see below)";
            } else {
                FileOwner owner = owners.classify(file);
                direct.addAll(owner.components());
                SortedSet<String> byType = OwnershipMap.componentsOfTypes(model, owner.types());
                direct.addAll(byType);
                line = file + " → " + describe(owner, byType);
            }
            if (listed++ < EXPLAIN_FILE_LIMIT) {
                lines.add("  " + line);
            }
        }
        if (listed > EXPLAIN_FILE_LIMIT) {
            lines.add("  … and " + (listed - EXPLAIN_FILE_LIMIT) + " more");
        }
        if (intentChanged) {
            direct.addAll(IntentImpact.of(model, intentRel, changed, lines));
        }
        direct.retainAll(names(model));

        SortedSet<String> withInputs = DependencyClosure.withInputDependents(model, direct);
        SortedSet<String> selected = DependencyClosure.withAlwaysDependencies(model, withInputs);
        lines.add("directly changed: " + list(direct));
        SortedSet<String> inputs = new TreeSet<>(withInputs);
        inputs.removeAll(direct);
        if (!inputs.isEmpty()) {
            lines.add("rebuilt because an input: true dependency changed: " + list(inputs));
        }
        SortedSet<String> always = new TreeSet<>(selected);
        always.removeAll(withInputs);
        if (!always.isEmpty()) {
            lines.add("added as include: always dependencies: " + list(always));
        }
        lines.add("selected: " + (selected.isEmpty() ? "no components changed"
                : list(selected) + " (" + selected.size() + (selected.size() == 1 ? " component)" : " components)")));
        lines.add("took " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return new ChangeSet(selected, changed.files(), lines);
    }

    private static String describe(FileOwner owner, SortedSet<String> byType) {
        if (owner.ownedByNothing()) {
            return "none (" + owner.reason() + ")";
        }
        List<String> parts = new ArrayList<>();
        if (!owner.components().isEmpty()) {
            parts.add(String.join(", ", owner.components())
                    + ("component manifest".equals(owner.reason()) ? " (component manifest)" : ""));
        }
        if (!owner.types().isEmpty()) {
            parts.add("composition " + String.join(", ", owner.types()) + " → "
                    + (byType.isEmpty() ? "no components of that type" : String.join(", ", byType)));
        }
        return String.join("; ", parts);
    }

    private static SortedSet<String> names(OwnershipModel model) {
        SortedSet<String> out = new TreeSet<>();
        model.components().forEach(c -> out.add(c.name()));
        return out;
    }

    static String list(SortedSet<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
