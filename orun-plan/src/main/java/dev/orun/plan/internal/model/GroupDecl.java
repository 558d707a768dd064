package dev.orun.plan.internal.model;

import java.util.Map;

/** {@code groups.<domain>}: parameter defaults keyed by component type or {@code *}. */
public record GroupDecl(String name, Map<String, Map<String, Object>> parameterDefaults) {
}
