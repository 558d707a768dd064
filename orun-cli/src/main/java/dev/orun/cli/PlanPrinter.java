package dev.orun.cli;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.plan.PlanGraph;
import java.io.PrintWriter;
import java.util.List;

/** Renders plans for the terminal: the summary line and the dag, dependencies and json views. */
final class PlanPrinter {

    private PlanPrinter() {
    }

    static void summary(PrintWriter out, Plan plan) {
        int components = plan.metadata().scope() == null ? 0 : plan.metadata().scope().components().size();
        int environments = plan.metadata().scope() == null ? 0 : plan.metadata().scope().environments().size();
        String name = plan.metadata().name() == null ? "" : " " + plan.metadata().name();
        out.println("plan" + name + " (" + (plan.metadata().scope() == null ? "full" : plan.metadata().scope().mode()) + ")");
        out.println("│ " + components + plural(components, " component", " components") + " × " + environments
                + plural(environments, " env", " envs") + " → " + plan.jobs().size()
                + plural(plan.jobs().size(), " job", " jobs"));
        out.println("│ plan id " + plan.planId());
    }

    static void view(PrintWriter out, Plan plan, PlanView view) {
        switch (view) {
            case json -> out.print(PlanJson.toJson(plan));
            case dependencies -> plan.jobs().forEach(job -> out.println(job.id()
                    + (job.dependsOn().isEmpty() ? "" : " ← " + String.join(", ", job.dependsOn()))));
            case dag -> {
                List<List<Job>> layers = PlanGraph.layers(plan);
                for (int i = 0; i < layers.size(); i++) {
                    out.println("layer " + (i + 1) + ":");
                    layers.get(i).forEach(job -> out.println("  " + job.id() + "  (" + job.steps().size()
                            + plural(job.steps().size(), " step)", " steps)")));
                }
            }
        }
    }

    private static String plural(int n, String one, String many) {
        return n == 1 ? one : many;
    }
}
