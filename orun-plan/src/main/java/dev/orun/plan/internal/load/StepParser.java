package dev.orun.plan.internal.load;

import dev.orun.plan.internal.model.StepDef;
import dev.orun.plan.internal.model.StepDef.WorkflowCall;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Parses {@code steps[]} of compositions, job templates and component overrides. */
final class StepParser {

    private StepParser() {
    }

    static List<StepDef> parseAll(List<YNode> nodes, String owner, Warnings warnings) {
        List<StepDef> steps = new ArrayList<>(nodes.size());
        Set<String> keys = new HashSet<>();
        for (YNode node : nodes) {
            StepDef step = parse(node, warnings);
            if (step.key() != null && !keys.add(step.key())) {
                throw node.error("duplicate step \"" + step.key() + "\" in " + owner);
            }
            steps.add(step);
        }
        return steps;
    }

    static StepDef parse(YNode node, Warnings warnings) {
        if (!(node instanceof YMap map)) {
            throw node.error("a step must be a mapping");
        }
        DeclaredKeys.STEP.check(map, warnings);
        String phase = ExecutionValues.phase(map);
        String run = map.string("run");
        String use = map.string("use");
        String workflow = map.string("workflow");
        if ((run != null ? 1 : 0) + (use != null ? 1 : 0) + (workflow != null ? 1 : 0) > 1) {
            throw map.error("a step has exactly one of \"run\", \"use\" or \"workflow\", not several");
        }
        WorkflowCall workflowCall = WorkflowCallParser.parse(map, workflow, warnings);
        String onFailure = ExecutionValues.onFailure(map);
        return new StepDef(map.string("id"), map.string("name"), map.string("capability"), phase,
                map.integer("order", 0), run, use, map.anyMap("with"), typedEnv(map),
                ExecutionValues.shell(map), map.string("working-directory"), ExecutionValues.timeout(map),
                ExecutionValues.count(map, "retry"), onFailure, map.string("if"),
                Boolean.TRUE.equals(map.bool("continue-on-error")), workflowCall, map.file(), map.line());
    }

    /** Step env keeps YAML types (a number stays a number in the plan); names and values must be usable. */
    private static java.util.Map<String, Object> typedEnv(YMap map) {
        EnvKeys.usable(map.stringMap("env"), map);
        return map.anyMap("env");
    }
}
