package dev.orun.runner.gha.internal;

import dev.orun.core.InvalidInputException;
import dev.orun.runner.gha.ActionCache;
import dev.orun.runner.gha.ActionFetcher;
import dev.orun.runner.gha.ActionRef;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the directory of a {@code use:} reference: {@code ./path} and {@code ../path} relative
 * to the job's workspace (GitHub resolves them against {@code GITHUB_WORKSPACE}, also inside
 * composite actions), {@code owner/repo[/path]@ref} from the action cache, fetched into it when
 * missing and a network is there. Anything else is refused with the accepted forms.
 */
final class ActionLocator {

    /** A found action: its directory and, for {@code GITHUB_ACTION_REPOSITORY}/{@code _REF}, its origin. */
    record Located(Path directory, String repository, String ref) {
    }

    private final ActionCache cache;
    private final ActionFetcher fetcher;

    ActionLocator(ActionCache cache, ActionFetcher fetcher) {
        this.cache = cache;
        this.fetcher = fetcher;
    }

    Located locate(String use, Path workspace) {
        String text = use.strip();
        if (text.startsWith("./") || text.startsWith("../") || text.equals(".")) {
            Path dir = workspace.resolve(text).normalize();
            if (!Files.isDirectory(dir) || !ActionManifest.exists(dir)) {
                throw new InvalidInputException("local action " + text + " not found: " + dir
                        + " has no action.yml or action.yaml");
            }
            return new Located(dir, "", "");
        }
        if (ActionRef.looksRemote(text)) {
            ActionRef ref = ActionRef.parse(text);
            Path dir = cache.find(ref).orElseGet(() -> fetcher.fetch(ref));
            if (!ActionManifest.exists(dir)) {
                throw new InvalidInputException(ref + ": the cached action has no action.yml in "
                        + dir);
            }
            return new Located(dir, ref.repository(), ref.ref());
        }
        throw new InvalidInputException("unsupported action reference \"" + text + "\" (expected "
                + "./path, owner/repo[/path]@ref or docker://image)");
    }
}
