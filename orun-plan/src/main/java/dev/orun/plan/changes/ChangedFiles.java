package dev.orun.plan.changes;

import java.util.List;

/**
 * The changed-file set and the two versions of intent.yaml it implies.
 *
 * @param files        changed files relative to the workspace root, sorted, distinct
 * @param intentBefore intent.yaml before the change; null when it did not exist
 * @param intentAfter  intent.yaml after the change; null when it was deleted
 * @param intentKnown  false when the earlier version cannot be known (e.g. --files outside git)
 * @param explanation  how the set was found
 */
record ChangedFiles(List<String> files, String intentBefore, String intentAfter,
                    boolean intentKnown, List<String> explanation) {
}
