package dev.orun.runner.docker;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small plan pieces for runner tests. */
final class Plans {

    private Plans() {
    }

    static Step run(String id, String script) {
        return new Step(id, id, null, 0, script, null, null, null, null, null, null, 0, null, null);
    }

    static Step runIn(String id, String script, String image) {
        return new Step(id, id, null, 0, script, null, Map.of("image", image), null, null, null, null, 0, null, null);
    }

    static Step use(String id, String action) {
        return new Step(id, id, null, 0, null, action, null, null, null, null, null, 0, null, null);
    }

    static Job job(String id, String runsOn, Map<String, Object> parameters, Step... steps) {
        String[] parts = id.split("[@.]");
        return new Job(id, parts[2], parts[0], parts[1], "shell", parts[2], null, runsOn, parts[0],
                List.of(), null, 0, Map.of(), Map.of(), parameters, new ArrayList<>(List.of(steps)));
    }

    static Job job(String id, String runsOn, Step... steps) {
        return job(id, runsOn, Map.of(), steps);
    }
}
