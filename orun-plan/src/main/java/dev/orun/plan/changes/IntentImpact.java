package dev.orun.plan.changes;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which components a change to intent.yaml selects: the components in a changed environment, a
 * changed inline component, and the components whose {@code change.watches} name a changed section.
 */
final class IntentImpact {

    private IntentImpact() {
    }

    static SortedSet<String> of(OwnershipModel model, String intentFile, ChangedFiles changed,
                                List<String> lines) {
        SortedSet<String> out = new TreeSet<>();
        if (!changed.intentKnown()) {
            // No earlier version to compare: every section may have changed.
            model.components().stream().filter(c -> !c.watches().isEmpty() || c.inline())
                    .forEach(c -> out.add(c.name()));
            lines.add(intentFile + ": earlier version unknown; selecting inline components and components"
                    + " with change.watches: " + ChangeDetector.list(out));
            return out;
        }
        IntentDiff.Result diff;
        try {
            diff = IntentDiff.between(changed.intentBefore(), changed.intentAfter());
        } catch (IllegalArgumentException e) {
            // The compiler reports a broken intent.yaml with its line; here it only means "unknown".
            model.components().forEach(c -> out.add(c.name()));
            lines.add(intentFile + ": cannot compare versions (" + e.getMessage() + "); selecting every component");
            return out;
        }
        if (diff.isEmpty()) {
            lines.add(intentFile + ": no semantic change (formatting, comments or metadata only)");
            return out;
        }
        for (String env : diff.environments()) {
            SortedSet<String> inEnv = new TreeSet<>();
            model.components().stream().filter(c -> c.environments().contains(env)).forEach(c -> inEnv.add(c.name()));
            lines.add(intentFile + ": environment " + env + " changed → " + ChangeDetector.list(inEnv));
            out.addAll(inEnv);
        }
        for (String name : diff.components()) {
            boolean exists = model.component(name).isPresent();
            lines.add(intentFile + ": inline component " + name + " changed"
                    + (exists ? "" : " (no longer declared)"));
            if (exists) {
                out.add(name);
            }
        }
        SortedSet<String> sections = new TreeSet<>(diff.sections());
        if (!diff.environments().isEmpty()) {
            sections.add("environments"); // watchers of the whole section count too
        }
        for (String section : sections) {
            SortedSet<String> watchers = new TreeSet<>();
            model.components().stream().filter(c -> c.watches().contains(section)).forEach(c -> watchers.add(c.name()));
            if (section.equals("environments") && watchers.isEmpty()) {
                continue; // already explained per environment above
            }
            lines.add(intentFile + ": section " + section + " changed → watched by " + ChangeDetector.list(watchers));
            out.addAll(watchers);
        }
        return out;
    }
}
