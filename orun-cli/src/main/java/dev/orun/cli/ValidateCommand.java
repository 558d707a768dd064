package dev.orun.cli;

import dev.orun.cli.render.Words;
import dev.orun.core.OrunException;
import dev.orun.core.plan.Plan;
import dev.orun.plan.CompiledPlan;
import dev.orun.plan.PlanRequest;
import dev.orun.plan.Planner;
import dev.orun.plan.Workspace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code orun validate}: load and compile everything, write nothing; exit 2 on the first problem. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check intent, components and compositions without saving a plan.")
public final class ValidateCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    ValidateCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceOptions workspaceOptions;

    @Mixin
    StrictOption strictOption = new StrictOption();

    @Override
    public Integer call() {
        Workspace workspace = workspaceOptions.workspace();
        CompiledPlan compiled = new Planner(workspace, workspaceOptions.plannerEnvironment(environment.variables()))
                .compile(PlanRequest.full());
        compiled.notes().forEach(spec.commandLine().getErr()::println);
        if (strictOption.refuses(compiled.warnings(), spec.commandLine().getErr())) {
            return OrunException.EXIT_INVALID;
        }
        Plan plan = compiled.plan();
        PrintWriter out = spec.commandLine().getOut();
        out.println("✓ " + workspace.display(workspace.intentFile()).toString().replace('\\', '/') + " is valid: "
                + Words.count(plan.metadata().scope().components().size(), "component") + " × "
                + Words.count(plan.metadata().scope().environments().size(), "env") + " → "
                + Words.count(plan.jobs().size(), "job") + warningCount(compiled.warnings().size()));
        out.flush();
        return 0;
    }

    private static String warningCount(int warnings) {
        return warnings == 0 ? "" : " (" + warnings + (warnings == 1 ? " warning)" : " warnings)");
    }
}
