package dev.orun.cli.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The live view's collapsible output groups ({@code ::group::} … {@code ::endgroup::}). From a
 * step's first group on, its lines are held in the live block instead of being printed: the open
 * group expanded (its last lines), ended groups collapsed to their title. When the step ends they
 * are printed for good — groups collapsed to their title if the step succeeded, expanded in full
 * if it failed. Lines of a step before its first group are printed at once, as without groups.
 * Plain output never holds anything: there the group's title line and its indented lines are
 * printed as they come. Not thread-safe: the renderer calls it under its own lock.
 */
final class CollapsibleGroups {

    /** How many of an open group's last lines the live block shows. */
    static final int OPEN_GROUP_ROWS = 6;

    private final UnaryOperator<String> dim;
    private final Map<String, Held> steps = new LinkedHashMap<>();

    /** One held line, or a group: its title line and the lines inside it. */
    private static final class Entry {
        final String line;
        final List<String> lines = new ArrayList<>();
        boolean awaitingTitle;
        String title;
        int depth;

        Entry(String line) {
            this.line = line;
        }

        boolean group() {
            return line == null;
        }
    }

    private static final class Held {
        final List<Entry> entries = new ArrayList<>();
        Entry open;
    }

    CollapsibleGroups(UnaryOperator<String> dim) {
        this.dim = dim;
    }

    private static String key(String jobId, String stepId) {
        return jobId + "\u0000" + stepId;
    }

    /** A group starts or ends in a step. */
    void group(String jobId, String stepId, boolean opened) {
        Held held = steps.computeIfAbsent(key(jobId, stepId), k -> new Held());
        if (opened) {
            if (held.open != null) {
                held.open.depth++; // a group inside a group stays part of the outer one
                return;
            }
            Entry group = new Entry(null);
            group.awaitingTitle = true;
            held.entries.add(group);
            held.open = group;
        } else if (held.open != null) {
            if (held.open.depth > 0) {
                held.open.depth--;
            } else {
                held.open = null;
            }
        }
    }

    /** Takes a line of a step that is holding its output; false when it should be printed now. */
    boolean hold(String jobId, String stepId, String line) {
        Held held = steps.get(key(jobId, stepId));
        if (held == null) {
            return false;
        }
        Entry open = held.open;
        if (open == null) {
            held.entries.add(new Entry(line));
        } else if (open.awaitingTitle) {
            open.title = line;
            open.awaitingTitle = false;
        } else {
            open.lines.add(line);
        }
        return true;
    }

    /** The lines to print for good when the step ends: expanded when it failed. */
    List<String> finish(String jobId, String stepId, boolean failed) {
        Held held = steps.remove(key(jobId, stepId));
        List<String> out = new ArrayList<>();
        if (held == null) {
            return out;
        }
        for (Entry entry : held.entries) {
            if (!entry.group()) {
                out.add(entry.line);
            } else if (failed) {
                if (entry.title != null) {
                    out.add(entry.title);
                }
                out.addAll(entry.lines);
            } else {
                out.add(collapsed(entry));
            }
        }
        return out;
    }

    /** What the live block shows of the steps holding output. */
    List<String> live() {
        List<String> out = new ArrayList<>();
        for (Held held : steps.values()) {
            for (Entry entry : held.entries) {
                if (!entry.group()) {
                    out.add(entry.line);
                } else if (entry != held.open) {
                    out.add(collapsed(entry));
                } else {
                    if (entry.title != null) {
                        out.add(entry.title);
                    }
                    int hidden = Math.max(0, entry.lines.size() - OPEN_GROUP_ROWS);
                    if (hidden > 0) {
                        out.add(dim.apply("    … " + hidden + " more"));
                    }
                    out.addAll(entry.lines.subList(hidden, entry.lines.size()));
                }
            }
        }
        return out;
    }

    private String collapsed(Entry group) {
        String title = group.title == null ? "▸ (group)" : group.title;
        return title + dim.apply("  (" + group.lines.size()
                + (group.lines.size() == 1 ? " line)" : " lines)"));
    }
}
