package dev.orun.core.runner;

/**
 * A runner backend, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.orun.core.runner.RunnerProvider}. {@code orun run --runner NAME}
 * selects the provider whose {@link #name()} is NAME.
 */
public interface RunnerProvider {

    /** The name users select the runner by, e.g. {@code local} or {@code docker}. */
    String name();

    /** One line for {@code orun run --help} and error messages. */
    default String description() {
        return name();
    }

    Runner create(RunnerSettings settings);
}
