package dev.orun.cli;

import dev.orun.core.InvalidInputException;
import dev.orun.plan.TriggerRequest;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --trigger}, {@code --from-ci}, {@code --event-file}: environments chosen by the intent's trigger bindings. */
public final class TriggerOptions {

    @Option(names = "--trigger", paramLabel = "NAME",
            description = "Plan the environments this trigger binding activates.")
    String trigger;

    @Option(names = "--from-ci", paramLabel = "PROVIDER",
            description = "Match the CI event against the trigger bindings (github).")
    String fromCi;

    @Option(names = "--event-file", paramLabel = "FILE",
            description = "The CI event payload (default: $GITHUB_EVENT_PATH); needs --from-ci.")
    Path eventFile;

    /** The request, or null when no trigger flag was given; {@code env} supplies the GitHub defaults. */
    public TriggerRequest toRequest(Map<String, String> env) {
        if (eventFile != null && fromCi == null) {
            throw new InvalidInputException("--event-file needs --from-ci");
        }
        if (trigger != null && (fromCi != null || eventFile != null)) {
            throw new InvalidInputException("--trigger and --from-ci/--event-file are mutually exclusive");
        }
        if (trigger != null) {
            return TriggerRequest.named(trigger);
        }
        if (fromCi == null) {
            return null;
        }
        Path file = eventFile != null ? WorkspaceOptions.cwd().resolve(eventFile)
                : env.get("GITHUB_EVENT_PATH") == null ? null : Path.of(env.get("GITHUB_EVENT_PATH"));
        return TriggerRequest.fromCi(fromCi, file, env.get("GITHUB_EVENT_NAME"));
    }
}
