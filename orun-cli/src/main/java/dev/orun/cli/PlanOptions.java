package dev.orun.cli;

import dev.orun.plan.PlanRequest;
import dev.orun.plan.changes.ChangeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags that decide what a fresh plan covers; shared by {@code orun plan} and {@code orun run}.
 * Further selection flags (e.g. change detection) belong here too, so every command that compiles
 * a plan gets them.
 */
public final class PlanOptions {

    @Option(names = {"-e", "--env"}, paramLabel = "ENV", split = ",",
            description = "Only these environments (comma-separated; 'prefix*' allowed).")
    List<String> environments = new ArrayList<>();

    @Option(names = "--component", paramLabel = "NAME",
            description = "Only this component, without its dependencies (repeatable; 'prefix*' allowed).")
    List<String> components = new ArrayList<>();

    @Option(names = "--all",
            description = "Plan every component, even inside a component's directory.")
    boolean all;

    @Mixin
    ChangeOptions changeOptions = new ChangeOptions();

    @Mixin
    TriggerOptions triggerOptions = new TriggerOptions();

    /**
     * The request; {@code changes} is null unless a change-detection flag was given; {@code env}
     * (the command's, never the JVM's) supplies the CI trigger's defaults.
     */
    public PlanRequest toRequest(String name, Map<String, String> env) {
        return new PlanRequest(environments, components, all, WorkspaceOptions.cwd(), name, changes())
                .withTrigger(triggerOptions.toRequest(env));
    }

    ChangeRequest changes() {
        return changeOptions.toRequest();
    }
}
