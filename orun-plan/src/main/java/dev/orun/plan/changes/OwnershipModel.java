package dev.orun.plan.changes;

import java.util.List;
import java.util.Optional;

/** Everything change detection knows about the workspace: components, compositions, edges. */
public record OwnershipModel(List<ComponentLocation> components,
                             List<CompositionLocation> compositions,
                             List<DependencyRule> dependencies) {

    public OwnershipModel {
        components = components == null ? List.of() : List.copyOf(components);
        compositions = compositions == null ? List.of() : List.copyOf(compositions);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    public Optional<ComponentLocation> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
