package dev.orun.plan.changes;

import java.util.List;

/** What {@code --changed} and its companion flags asked for. */
public record ChangeRequest(boolean changed, String base, String head, List<String> files,
                            boolean uncommitted, boolean untracked, boolean explain) {
}
