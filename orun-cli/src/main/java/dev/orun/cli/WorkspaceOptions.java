package dev.orun.cli;

import dev.orun.plan.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -i/--intent FILE}: use this intent file instead of searching upwards for one. Accepted
 * on every command and before it ({@code orun -i X validate}); the one nearest the command wins.
 */
public final class WorkspaceOptions {

    @Option(names = {"-i", "--intent"}, paramLabel = "FILE",
            description = "Intent file to use (default: the nearest intent.yaml above the current directory).")
    Path intent;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    public Workspace workspace() {
        return Workspace.discover(cwd(), intent());
    }

    /** The intent file given on this command or on one of its parents, or {@code null}. */
    public Path intent() {
        if (intent != null) {
            return intent;
        }
        for (CommandSpec command = mixee == null ? null : mixee.parent(); command != null; command = command.parent()) {
            OptionSpec option = command.findOption("--intent");
            if (option != null && option.getValue() != null) {
                return option.getValue();
            }
        }
        return null;
    }

    public static Path cwd() {
        return Path.of(System.getProperty("user.dir"));
    }
}
