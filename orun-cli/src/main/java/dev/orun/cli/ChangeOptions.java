package dev.orun.cli;

import dev.orun.plan.changes.ChangeRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The change-detection flags shared by {@code orun plan} and {@code orun run}. Any of them turns
 * change detection on, so {@code --base main} alone means {@code --changed --base main}.
 */
public final class ChangeOptions {

    @Option(names = "--changed", description = "Scope the plan to components changed since the base (needs git)")
    boolean changed;

    @Option(names = "--base", paramLabel = "REF",
            description = "Base git ref to compare with (default: main, or the CI's base branch or push-before commit)")
    String base;

    @Option(names = "--head", paramLabel = "REF", description = "Head git ref (default: HEAD); needs --base")
    String head;

    @Option(names = "--files", paramLabel = "FILE", split = ",",
            description = "Comma-separated changed files relative to the workspace root; replaces the git diff")
    List<String> files = new ArrayList<>();

    @Option(names = "--uncommitted", description = "Use staged and unstaged changes against HEAD")
    boolean uncommitted;

    @Option(names = "--untracked", description = "Use untracked files that git does not ignore")
    boolean untracked;

    @Option(names = "--explain", description = "Print how the base and head were chosen and who owns each changed file")
    boolean explain;

    /** True when any change-detection flag was given. */
    public boolean requested() {
        return changed || base != null || head != null || !files.isEmpty() || uncommitted || untracked || explain;
    }

    /** The request, or null when change detection was not asked for. */
    public ChangeRequest toRequest() {
        if (!requested()) {
            return null;
        }
        return new ChangeRequest(true, base, head, files, uncommitted, untracked, explain);
    }

    /** The flags as given, for notes such as "--changed flags ignored for a saved plan". */
    public String describe() {
        List<String> given = new ArrayList<>();
        if (changed) {
            given.add("--changed");
        }
        if (base != null) {
            given.add("--base " + base);
        }
        if (head != null) {
            given.add("--head " + head);
        }
        if (!files.isEmpty()) {
            given.add("--files " + String.join(",", files));
        }
        if (uncommitted) {
            given.add("--uncommitted");
        }
        if (untracked) {
            given.add("--untracked");
        }
        if (explain) {
            given.add("--explain");
        }
        return String.join(" ", given);
    }
}
