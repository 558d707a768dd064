package dev.orun.plan.changes;

/**
 * A component's {@code dependsOn} entry, reduced to what selection needs.
 *
 * @param component the component declaring the dependency
 * @param target    the component it depends on
 * @param always    {@code include: always}: when the component is selected, so is the target
 * @param input     {@code input: true}: the target's sources are build inputs of the component,
 *                  so a change to the target selects the component too
 */
public record DependencyRule(String component, String target, boolean always, boolean input) {
}
