package dev.orun.core.runner;

/**
 * A runner backend, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.orun.core.runner.RunnerProvider}. {@code orun run --runner NAME}
 * selects the provider whose {@link #name()} is NAME.
 *
 * <p><b>Implemented by</b> each runner module (it needs a public no-argument constructor).
 * <b>Called by</b> {@link Runners} and the engine, from the thread that starts a run:
 * {@link #create} once per run. Providers hold no state, so any thread may call them.
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
