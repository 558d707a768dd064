package dev.orun.core.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a job's step ids unique: the compiler (which names steps) and the engine (which runs
 * hand-written plans too) both need ids that are unique within a job, because the ids become log
 * file names and {@code ORUN_STEP_ID}. Each caller decides a step's preferred id; this class only
 * settles repeats, the same way for both, so the dry run, the records and the plan always agree.
 */
public final class StepIds {

    private StepIds() {
    }

    /**
     * The preferred ids in order, with {@code -2}, {@code -3}, … appended to a repeat (the first
     * occurrence keeps its id). A suffixed id that is itself taken is skipped over.
     */
    public static List<String> unique(List<String> preferred) {
        List<String> ids = new ArrayList<>(preferred.size());
        Set<String> used = new HashSet<>();
        for (String base : preferred) {
            String id = base;
            for (int n = 2; !used.add(id); n++) {
                id = base + "-" + n;
            }
            ids.add(id);
        }
        return ids;
    }

    /** {@code step-<position>}, the id of a step that has neither a name nor an id (1-based). */
    public static String positional(int position) {
        return "step-" + position;
    }
}
