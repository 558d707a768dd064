package dev.orun.core.state;

import dev.orun.core.plan.Plan;

/**
 * What a state backend needs to create or join a run.
 *
 * <p>Made by the embedding API in orun-exec, in the thread that starts the run; passed to
 * {@link StateBackend#open}. Immutable.
 *
 * @param execId  the execution id (the run's key)
 * @param plan    the plan being executed; its checksum identifies it
 * @param runner  the runner name ({@code local}, {@code docker}, …)
 * @param trigger what started the run ({@code manual}, {@code ci}, {@code background})
 * @param user    who started it
 */
public record RunDescriptor(String execId, Plan plan, String runner, String trigger, String user) {
}
