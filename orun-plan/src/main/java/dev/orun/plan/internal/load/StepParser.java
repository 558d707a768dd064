package dev.orun.plan.internal.load;

import dev.orun.plan.internal.model.StepDef;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses {@code steps[]} of compositions, job templates and component overrides. */
final class StepParser {

    private StepParser() {
    }

    static List<StepDef> parseAll(List<YNode> nodes, String owner) {
        List<StepDef> steps = new ArrayList<>(nodes.size());
        Set<String> keys = new HashSet<>();
        for (YNode node : nodes) {
            StepDef step = parse(node);
            if (step.key() != null && !keys.add(step.key())) {
                throw node.error("duplicate step \"" + step.key() + "\" in " + owner);
            }
            steps.add(step);
        }
        return steps;
    }

    static StepDef parse(YNode node) {
        if (!(node instanceof YMap map)) {
            throw node.error("a step must be a mapping");
        }
        String phase = map.string("phase");
        phase = phase == null || phase.isBlank() ? "main" : phase.toLowerCase(Locale.ROOT);
        if (!phase.equals("pre") && !phase.equals("main") && !phase.equals("post")) {
            throw map.error("invalid step phase \"" + map.string("phase") + "\" (expected pre, main or post)");
        }
        String run = map.string("run");
        String use = map.string("use");
        if (run != null && use != null) {
            throw map.error("a step may have \"run\" or \"use\", not both");
        }
        if (map.has("workflow")) {
            throw map.error("\"workflow\" steps are not supported; use \"run\" or \"use\"");
        }
        String onFailure = map.string("onFailure");
        if (onFailure != null && !onFailure.equals("stop") && !onFailure.equals("continue")) {
            throw map.error("invalid onFailure \"" + onFailure + "\" (expected stop or continue)");
        }
        return new StepDef(map.string("id"), map.string("name"), map.string("capability"), phase,
                map.integer("order", 0), run, use, map.anyMap("with"), map.stringMap("env"),
                map.string("shell"), map.string("working-directory"), map.string("timeout"),
                map.integer("retry", 0), onFailure, map.string("if"),
                Boolean.TRUE.equals(map.bool("continue-on-error")), map.file(), map.line());
    }
}
