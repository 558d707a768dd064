package dev.orun.plan.changes;

import java.util.List;
import java.util.Optional;

/**
 * Everything change detection knows about the workspace: components, compositions, edges, and
 * the directory names whose contents never count ({@code catalog.discovery.exclude}, on top of
 * the built-in build-output names).
 */
public record OwnershipModel(List<ComponentLocation> components,
                             List<CompositionLocation> compositions,
                             List<DependencyRule> dependencies,
                             java.util.Set<String> excludedDirs) {

    public OwnershipModel {
        components = components == null ? List.of() : List.copyOf(components);
        compositions = compositions == null ? List.of() : List.copyOf(compositions);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        excludedDirs = excludedDirs == null ? java.util.Set.of() : java.util.Set.copyOf(excludedDirs);
    }

    public OwnershipModel(List<ComponentLocation> components, List<CompositionLocation> compositions,
                          List<DependencyRule> dependencies) {
        this(components, compositions, dependencies, java.util.Set.of());
    }

    public Optional<ComponentLocation> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
