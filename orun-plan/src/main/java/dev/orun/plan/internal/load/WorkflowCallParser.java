package dev.orun.plan.internal.load;

import dev.orun.core.plan.StepApproval;
import dev.orun.plan.internal.model.StepDef.WorkflowCall;
import dev.orun.plan.internal.yaml.YMap;
import java.util.List;

/**
 * Reads the workflow-only fields of a step ({@code connections}, {@code resume},
 * {@code approval}). They mean something only on a {@code workflow:} step; elsewhere they are
 * warned about (an error under {@code --strict}) rather than silently dropped.
 */
final class WorkflowCallParser {

    private static final List<String> WORKFLOW_ONLY = List.of("connections", "resume", "approval");

    private WorkflowCallParser() {
    }

    static WorkflowCall parse(YMap step, String workflow, Warnings warnings) {
        if (workflow == null) {
            for (String key : WORKFLOW_ONLY) {
                if (step.has(key)) {
                    warnings.add(step.file(), step.keyLine(key), "\"" + key
                            + "\" only applies to a \"workflow\" step; ignored on this step");
                }
            }
            return null;
        }
        if (workflow.isBlank()) {
            throw step.get("workflow").error("\"workflow\" must name a workflow file");
        }
        return new WorkflowCall(workflow, step.stringMap("connections"),
                Boolean.TRUE.equals(step.bool("resume")), approval(step.map("approval"), warnings));
    }

    private static StepApproval approval(YMap map, Warnings warnings) {
        if (map == null) {
            return null;
        }
        DeclaredKeys.APPROVAL.check(map, warnings);
        String onTimeout = map.string("onTimeout");
        if (onTimeout != null && !StepApproval.ON_TIMEOUT_FAIL.equals(onTimeout)
                && !StepApproval.ON_TIMEOUT_PROCEED.equals(onTimeout)) {
            throw map.get("onTimeout").error("approval \"onTimeout\" must be \"fail\" or \"proceed\", not \""
                    + onTimeout + "\"");
        }
        return new StepApproval(map.string("prompt"), map.string("timeout"), onTimeout);
    }
}
