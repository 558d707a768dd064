package dev.orun.cli;

import dev.orun.plan.Workspace;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -i/--intent FILE}: use this intent file instead of searching upwards for one. Accepted
 * on every command and before it ({@code orun -i X validate}); the one nearest the command wins.
 * {@code -c/--config-dir DIR}, the Go orun's legacy composition directory, works the same way and
 * means exactly what {@code ORUN_CONFIG_DIR=DIR} means.
 */
public final class WorkspaceOptions {

    @Option(names = {"-i", "--intent"}, paramLabel = "FILE",
            description = "Intent file to use (default: the nearest intent.yaml above the current directory).")
    Path intent;

    @Option(names = {"-c", "--config-dir"}, paramLabel = "DIR",
            description = "Legacy (Go orun) composition directory: <DIR>/<type>/compositions.yaml (kind: JobRegistry) "
                    + "+ schema.yaml; supplies only types no declared source exports. Same as ORUN_CONFIG_DIR.")
    Path configDir;

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

    /** The {@code --config-dir} given on this command or on one of its parents, or {@code null}. */
    public Path configDir() {
        if (configDir != null) {
            return configDir;
        }
        for (CommandSpec command = mixee == null ? null : mixee.parent(); command != null; command = command.parent()) {
            OptionSpec option = command.findOption("--config-dir");
            if (option != null && option.getValue() != null) {
                return option.getValue();
            }
        }
        return null;
    }

    /** The variables the planner sees: {@code env}, with {@code ORUN_CONFIG_DIR} set from {@code --config-dir}. */
    public Map<String, String> plannerEnvironment(Map<String, String> env) {
        Path dir = configDir();
        if (dir == null) {
            return env;
        }
        Map<String, String> withDir = new HashMap<>(env);
        withDir.put("ORUN_CONFIG_DIR", cwd().resolve(dir).toAbsolutePath().normalize().toString());
        return withDir;
    }

    public static Path cwd() {
        return Path.of(System.getProperty("user.dir"));
    }
}
