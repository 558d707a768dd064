package dev.orun.core.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One step of a job: either a shell command ({@code run}) or a GitHub-Actions-style action
 * ({@code use} with {@code with} inputs). Steps execute in phase order {@code pre}, {@code main},
 * {@code post}, then by {@code order}, then in declaration order.
 *
 * <p>{@code if} ({@link #condition()}) is a GitHub-Actions expression deciding at run time whether
 * the step runs; {@code continue-on-error} records a failure without failing the job.
 * <p><b>Made by</b> the compiler or read from a plan file; <b>read by</b> runners through
 * {@link dev.orun.core.runner.StepRequest#step()} on the job's thread. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"id", "name", "phase", "order", "run", "use", "workflow", "workflowDigest",
        "connections", "with", "env", "shell", "working-directory", "timeout", "retry", "resume",
        "approval", "onFailure", "capability", "if", "continue-on-error"})
public record Step(
        String id,
        String name,
        String phase,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int order,
        String run,
        String use,
        Map<String, Object> with,
        @JsonProperty("env") Map<String, ?> envValues,
        String shell,
        @JsonProperty("working-directory") String workingDirectory,
        String timeout,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int retry,
        String onFailure,
        String capability,
        @JsonProperty("if") String condition,
        @JsonProperty("continue-on-error") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        boolean continueOnError,
        String workflow,
        String workflowDigest,
        Map<String, String> connections,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean resume,
        StepApproval approval) {

    public static final String PHASE_PRE = "pre";
    public static final String PHASE_MAIN = "main";
    public static final String PHASE_POST = "post";
    public static final String ON_FAILURE_STOP = "stop";
    public static final String ON_FAILURE_CONTINUE = "continue";

    /** A step without a condition that stops the job when it fails. */
    public Step(String id, String name, String phase, int order, String run, String use,
                Map<String, Object> with, Map<String, String> env, String shell,
                String workingDirectory, String timeout, int retry, String onFailure,
                String capability) {
        this(id, name, phase, order, run, use, with, env, shell, workingDirectory, timeout, retry,
                onFailure, capability, null, false);
    }

    /** A {@code run:} or {@code use:} step (no workflow fields). */
    public Step(String id, String name, String phase, int order, String run, String use,
                Map<String, Object> with, Map<String, ?> envValues, String shell,
                String workingDirectory, String timeout, int retry, String onFailure,
                String capability, String condition, boolean continueOnError) {
        this(id, name, phase, order, run, use, with, envValues, shell, workingDirectory, timeout,
                retry, onFailure, capability, condition, continueOnError, null, null, null, false, null);
    }
    /** The phases in the order they run; the compiler refuses any other value. */
    public static final List<String> PHASES = List.of(PHASE_PRE, PHASE_MAIN, PHASE_POST);

    public Step {
        with = Collections2.sortedMap(with);
        envValues = Collections2.sortedMap(envValues);
        connections = Collections2.sortedMap(connections);
        phase = phase == null || phase.isBlank() ? PHASE_MAIN : phase;
    }

    /**
     * The step's env as the process sees it: strings as written, numbers and booleans in their
     * plan spelling ({@code 8080}, {@code 1.5}, {@code true}). The plan keeps the YAML types, as
     * the Go planner does, so a number stays a number in plan.json.
     */
    @JsonIgnore
    public Map<String, String> env() {
        Map<String, String> env = new java.util.TreeMap<>();
        envValues.forEach((key, value) -> env.put(key, envText(value)));
        return env;
    }

    private static String envText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e21) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }

    /** The rank of a phase in execution order; unknown phases run with {@code main}. */
    public static int phaseRank(String phase) {
        if (PHASE_PRE.equals(phase)) {
            return 0;
        }
        return PHASE_POST.equals(phase) ? 2 : 1;
    }

    @JsonIgnore
    public boolean isAction() {
        return use != null && !use.isBlank();
    }

    /**
     * A {@code workflow:} step: a {@code kind: Workflow} file the Go orun runs in its in-process
     * flow engine. This orun plans it but cannot run it (docs/decisions/go-planner-compatibility.md).
     * (Not named {@code isWorkflow}: Jackson would take that for the {@code workflow} property.)
     */
    @JsonIgnore
    public boolean callsWorkflow() {
        return workflow != null && !workflow.isBlank();
    }

    /** The step has an {@code if:} condition, which only runners that evaluate expressions honour. */
    @JsonIgnore
    public boolean hasCondition() {
        return condition != null && !condition.isBlank();
    }

    /**
     * {@code onFailure: continue}: the following steps still run, but the job fails. (Compare
     * {@link #continueOnError()}: GitHub's meaning, where the failure does not fail the job.)
     */
    /** Whether {@code value} is an {@code onFailure} the engine understands (either case). */
    public static boolean isOnFailureValue(String value) {
        return ON_FAILURE_STOP.equalsIgnoreCase(value) || ON_FAILURE_CONTINUE.equalsIgnoreCase(value);
    }

    @JsonIgnore
    public boolean continuesOnFailure() {
        return ON_FAILURE_CONTINUE.equalsIgnoreCase(onFailure);
    }
}
