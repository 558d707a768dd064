package dev.orun.cli;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.runner.RunnerProvider;
import dev.orun.core.runner.Runners;
import dev.orun.core.state.RunSummary;
import dev.orun.plan.PlanRequest;
import dev.orun.plan.PlanStore;
import dev.orun.plan.Planner;
import dev.orun.plan.SavedPlan;
import dev.orun.plan.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The names a shell can complete, read from the workspace: components, saved plans, job ids and
 * environments (from the latest saved plan, else a fresh compile), runners and exec ids. Anything
 * that cannot be read gives no names: completion must never print an error into the prompt.
 */
final class CompletionCandidates {

    private final Path intent;

    CompletionCandidates(Path intent) {
        this.intent = intent;
    }

    List<String> components() {
        return quietly(workspace -> new ArrayList<>(new Planner(workspace).componentNames()));
    }

    List<String> plans() {
        return quietly(workspace -> {
            TreeSet<String> names = new TreeSet<>();
            for (SavedPlan saved : new PlanStore(workspace).list()) {
                String file = saved.file().getFileName().toString();
                names.add(file.substring(0, file.length() - ".json".length()));
            }
            return new ArrayList<>(names);
        });
    }

    List<String> jobIds() {
        return quietly(workspace -> plan(workspace).jobs().stream().map(Job::id).toList());
    }

    List<String> environments() {
        return quietly(workspace -> new ArrayList<>(new TreeSet<>(
                plan(workspace).jobs().stream().map(Job::environment).toList())));
    }

    List<String> execIds() {
        return quietly(workspace -> RunLookup.records(workspace.orunDir()).list().stream()
                .map(RunSummary::execId).toList());
    }

    static List<String> runners() {
        try {
            return Runners.available().stream().map(RunnerProvider::name).toList();
        } catch (RuntimeException | java.util.ServiceConfigurationError e) {
            return List.of();
        }
    }

    private static Plan plan(Workspace workspace) {
        Optional<SavedPlan> latest = new PlanStore(workspace).find(PlanStore.LATEST);
        if (latest.isPresent()) {
            return latest.get().plan();
        }
        return new Planner(workspace).compile(PlanRequest.full()).plan();
    }

    private List<String> quietly(Function<Workspace, Collection<String>> names) {
        try {
            return List.copyOf(names.apply(Workspace.discover(WorkspaceOptions.cwd(), intent)));
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
