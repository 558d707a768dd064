package dev.orun.cli;

import dev.orun.plan.PlanStore;
import dev.orun.plan.SavedPlan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orun plan show REF}: print a saved plan found by name, checksum prefix, path or {@code latest}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a saved plan (latest, a name, a checksum prefix or a file path).")
public final class PlanShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceOptions workspaceOptions;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REF", defaultValue = "latest",
            description = "Plan reference (default: latest).")
    String ref;

    @Option(names = {"-v", "--view"}, paramLabel = "VIEW", defaultValue = "dag",
            description = "dag (default), dependencies or json.")
    PlanView view;

    @Override
    public Integer call() {
        SavedPlan saved = new PlanStore(workspaceOptions.workspace()).resolve(ref);
        PrintWriter out = spec.commandLine().getOut();
        if (view != PlanView.json) {
            PlanPrinter.summary(out, saved.plan());
            out.println("│ file " + saved.file().toString().replace('\\', '/'));
        }
        PlanPrinter.view(out, saved.plan(), view);
        out.flush();
        return 0;
    }
}
