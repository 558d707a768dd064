package dev.orun.cli;

import dev.orun.core.plan.Plan;
import dev.orun.plan.PlanStore;
import dev.orun.plan.SavedPlan;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code orun plan list}: the saved plans under {@code .orun/plans/}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List saved plans.")
public final class PlanListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceOptions workspaceOptions;

    @Override
    public Integer call() {
        PlanStore store = new PlanStore(workspaceOptions.workspace());
        List<SavedPlan> plans = store.list();
        PrintWriter out = spec.commandLine().getOut();
        if (plans.isEmpty()) {
            out.println("no saved plans (run: orun plan)");
            out.flush();
            return 0;
        }
        String latest = store.find(PlanStore.LATEST).map(p -> p.plan().planId()).orElse("");
        out.printf("%-24s %-12s %6s  %s%n", "NAME", "PLAN ID", "JOBS", "SCOPE");
        for (SavedPlan saved : plans) {
            Plan plan = saved.plan();
            String file = saved.file().getFileName().toString();
            String name = file.substring(0, file.length() - ".json".length());
            String scope = plan.metadata().scope() == null ? "" : plan.metadata().scope().mode() + " "
                    + String.join(",", plan.metadata().scope().environments());
            out.printf("%-24s %-12s %6d  %s%s%n", name, plan.planId(), plan.jobs().size(), scope,
                    plan.planId().equals(latest) ? "  (latest)" : "");
        }
        out.flush();
        return 0;
    }
}
