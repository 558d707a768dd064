package dev.orun.plan.changes;

import dev.orun.core.InvalidInputException;

/** Rejects flag combinations that have no single meaning. */
final class ChangeRequestCheck {

    private ChangeRequestCheck() {
    }

    static void validate(ChangeRequest req) {
        boolean files = !req.files().isEmpty();
        if (files && (req.base() != null || req.head() != null || req.uncommitted() || req.untracked())) {
            throw new InvalidInputException(
                    "--files replaces the git diff; it cannot be combined with --base, --head, --uncommitted or --untracked");
        }
        if (req.head() != null && req.base() == null) {
            throw new InvalidInputException("--head needs --base (the ref to compare it with)");
        }
        if (req.head() != null && (req.uncommitted() || req.untracked())) {
            throw new InvalidInputException(
                    "--uncommitted and --untracked compare the working tree with HEAD; they cannot be combined with --head");
        }
        if (blank(req.base()) || blank(req.head())) {
            throw new InvalidInputException("--base and --head need a git ref (a branch, tag or commit)");
        }
        for (String f : req.files()) {
            if (f == null || f.isBlank()) {
                throw new InvalidInputException("--files: empty path in the list");
            }
        }
    }

    private static boolean blank(String ref) {
        return ref != null && ref.isBlank();
    }
}
