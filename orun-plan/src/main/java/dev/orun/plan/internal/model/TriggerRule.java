package dev.orun.plan.internal.model;

import java.nio.file.Path;

/**
 * One entry of a subscription's {@code profileRules} or {@code dependencyRules}: when the trigger
 * binding {@code triggerRef} fired, use {@code value} (a profile, or a dependency mode). The first
 * rule whose binding fired wins.
 */
public record TriggerRule(String value, String triggerRef, Path file, int line) {
}
