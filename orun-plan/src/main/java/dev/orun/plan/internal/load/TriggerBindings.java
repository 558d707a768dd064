package dev.orun.plan.internal.load;

import dev.orun.plan.internal.model.TriggerBinding;
import dev.orun.plan.internal.yaml.YMap;
import java.util.Map;
import java.util.TreeMap;

/** Reads {@code automation.triggerBindings}; the key {@code on} is a string (YAML 1.2). */
final class TriggerBindings {

    private TriggerBindings() {
    }

    static Map<String, TriggerBinding> parse(YMap automation) {
        Map<String, TriggerBinding> bindings = new TreeMap<>();
        YMap all = automation.mapOrEmpty("triggerBindings");
        all.entries().forEach((name, node) -> {
            if (!(node instanceof YMap binding)) {
                throw node.error("trigger binding \"" + name + "\" must be a mapping");
            }
            YMap on = binding.mapOrEmpty("on");
            YMap plan = binding.mapOrEmpty("plan");
            String scope = plan.string("scope");
            if (scope != null && !scope.equals("full") && !scope.equals("changed")) {
                throw plan.get("scope").error("trigger binding \"" + name + "\": plan.scope must be full or changed");
            }
            bindings.put(name, new TriggerBinding(name, on.requiredString("provider", "trigger binding " + name + ": on"),
                    on.requiredString("event", "trigger binding " + name + ": on"), on.stringList("actions"),
                    on.stringList("branches"), on.stringList("baseBranches"), on.stringList("tags"),
                    scope == null ? "full" : scope, plan.string("base"), plan.string("head"), binding.line()));
        });
        return bindings;
    }
}
