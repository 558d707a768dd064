package dev.orun.cli;

import dev.orun.core.InvalidInputException;
import dev.orun.core.OrunException;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.plan.CompiledPlan;
import dev.orun.plan.PlanStore;
import dev.orun.plan.Planner;
import dev.orun.plan.SavedPlan;
import dev.orun.plan.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orun plan}: compile the workspace into a plan and save it under {@code .orun/plans/}. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Compile intent, components and compositions into a plan and save it.",
        subcommands = {PlanShowCommand.class, PlanListCommand.class})
public final class PlanCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    PlanCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceOptions workspaceOptions;

    @Mixin
    PlanOptions planOptions;

    @Mixin
    StrictOption strictOption = new StrictOption();

    @Option(names = "--name", paramLabel = "NAME", description = "Also save the plan as .orun/plans/NAME.json.")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Also write the plan JSON to FILE.")
    Path output;

    @Option(names = {"-v", "--view"}, paramLabel = "VIEW", description = "Print the plan: ${COMPLETION-CANDIDATES}.")
    PlanView view;

    @Override
    public Integer call() {
        if (name != null) {
            PlanStore.checkName(name);
        }
        Workspace workspace = workspaceOptions.workspace();
        CompiledPlan compiled = new Planner(workspace, workspaceOptions.plannerEnvironment(environment.variables())).compile(planOptions.toRequest(name, environment.variables()));
        if (strictOption.refuses(compiled.warnings(), spec.commandLine().getErr())) {
            return OrunException.EXIT_INVALID;
        }
        Plan plan = compiled.plan();
        if (output != null) {
            writeOutput(plan);
        }
        SavedPlan saved = new PlanStore(workspace).save(plan, name);

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        compiled.notes().forEach(err::println);
        PrintWriter summary = view == PlanView.json ? err : out;
        PlanPrinter.summary(summary, plan);
        summary.println("│ saved " + workspace.display(saved.file()).toString().replace('\\', '/'));
        if (view != null) {
            PlanPrinter.view(out, plan, view);
        }
        summary.println(plan.jobs().isEmpty() ? "→ nothing to run"
                : "→ orun run " + (name != null ? name : plan.planId()));
        out.flush();
        err.flush();
        return 0;
    }

    private void writeOutput(Plan plan) {
        Path file = WorkspaceOptions.cwd().resolve(output);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw InvalidInputException.at(output, "directory " + parent + " does not exist");
            }
            Files.write(file, PlanJson.toBytes(plan));
        } catch (IOException e) {
            throw InvalidInputException.at(output, "cannot write plan: " + e.getMessage());
        }
    }
}
