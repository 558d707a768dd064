package dev.orun.plan.changes;

import java.util.List;

/**
 * What {@code --changed} and its companion flags asked for. {@code base}/{@code head} are git refs
 * or null (then the CI variables or the defaults decide), {@code files} replaces the git diff when
 * non-empty.
 */
public record ChangeRequest(boolean changed, String base, String head, List<String> files,
                            boolean uncommitted, boolean untracked, boolean explain) {

    public ChangeRequest {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** No change detection: the whole workspace is planned. */
    public static ChangeRequest none() {
        return new ChangeRequest(false, null, null, List.of(), false, false, false);
    }
}
