package dev.orun.cli;

import dev.orun.plan.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -i/--intent FILE}: use this intent file instead of searching upwards for one. */
public final class WorkspaceOptions {

    @Option(names = {"-i", "--intent"}, paramLabel = "FILE",
            description = "Intent file to use (default: the nearest intent.yaml above the current directory).")
    Path intent;

    public Workspace workspace() {
        return Workspace.discover(cwd(), intent);
    }

    public static Path cwd() {
        return Path.of(System.getProperty("user.dir"));
    }
}
