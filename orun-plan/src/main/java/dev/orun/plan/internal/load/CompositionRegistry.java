package dev.orun.plan.internal.load;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.PlanSpec;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.Composition;
import dev.orun.plan.internal.model.CompositionSourceDecl;
import dev.orun.plan.internal.model.Intent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every composition of every declared source, and which one serves each component type. When
 * several sources export a type, {@code compositions.resolution.bindings} or {@code precedence}
 * decides; otherwise that is an error.
 */
public final class CompositionRegistry {

    private final Map<String, Map<String, Composition>> bySource;
    private final Map<String, Composition> byType;
    private final SourceTrees trees;

    private CompositionRegistry(Map<String, Map<String, Composition>> bySource, Map<String, Composition> byType,
                                SourceTrees trees) {
        this.bySource = bySource;
        this.byType = byType;
        this.trees = trees;
    }

    public static CompositionRegistry load(SourceTrees trees, Intent intent, Warnings warnings) {
        Map<String, Map<String, Composition>> bySource = new LinkedHashMap<>();
        for (CompositionSourceDecl source : intent.sources()) {
            bySource.put(source.name(), new CompositionLoader(trees.tree(source), source.name(), warnings).load());
        }
        Map<String, Composition> byType = resolveTypes(intent, bySource);
        Map<String, Composition> legacy = trees.legacyCompositions(warnings);
        if (!legacy.isEmpty()) {
            legacy.forEach(byType::putIfAbsent);
            bySource.putIfAbsent(LegacyConfigDir.SOURCE_NAME, legacy);
        }
        return new CompositionRegistry(bySource, byType, trees);
    }

    /** The declared sources with what each resolved to and the types it exports, in declaration order. */
    public PlanSpec provenance(Intent intent) {
        Map<String, String> digests = trees.resolvedDigests();
        List<PlanSpec.CompositionSource> sources = new ArrayList<>();
        for (CompositionSourceDecl source : intent.sources()) {
            sources.add(new PlanSpec.CompositionSource(source.name(), source.kind(), source.ref(), source.path(),
                    digests.get(source.name()), List.copyOf(bySource.getOrDefault(source.name(), Map.of()).keySet())));
        }
        return new PlanSpec(sources);
    }

    /** Notices from loading the sources (offline fallbacks), for the user. */
    public List<String> notices() {
        return trees.notices();
    }

    private static Map<String, Composition> resolveTypes(Intent intent, Map<String, Map<String, Composition>> bySource) {
        for (String named : intent.typeBindings().values()) {
            requireSource(intent, bySource, named);
        }
        intent.sourcePrecedence().forEach(named -> requireSource(intent, bySource, named));
        Map<String, List<String>> exporters = new TreeMap<>();
        bySource.forEach((source, types) -> types.keySet()
                .forEach(type -> exporters.computeIfAbsent(type, t -> new ArrayList<>()).add(source)));
        Map<String, Composition> byType = new TreeMap<>();
        exporters.forEach((type, sources) -> byType.put(type, bySource.get(chooseSource(intent, type, sources)).get(type)));
        return byType;
    }

    private static String chooseSource(Intent intent, String type, List<String> sources) {
        String bound = intent.typeBindings().get(type);
        if (bound != null) {
            if (!sources.contains(bound)) {
                throw InvalidInputException.at(intent.file(), "compositions.resolution.bindings: source \""
                        + bound + "\" does not export type \"" + type + "\"");
            }
            return bound;
        }
        if (sources.size() == 1) {
            return sources.get(0);
        }
        for (String preferred : intent.sourcePrecedence()) {
            if (sources.contains(preferred)) {
                return preferred;
            }
        }
        throw InvalidInputException.at(intent.file(), "composition type \"" + type + "\" is exported by "
                + "several sources " + sources + "; add compositions.resolution.bindings or precedence");
    }

    private static void requireSource(Intent intent, Map<String, ?> bySource, String name) {
        if (!bySource.containsKey(name)) {
            throw InvalidInputException.at(intent.file(),
                    "compositions.resolution names unknown source \"" + name + "\"");
        }
    }

    /** The composition serving a component; an unknown type is an error at the component's file. */
    public Composition forComponent(ComponentDecl component) {
        if (component.compositionSource() != null) {
            Map<String, Composition> source = bySource.get(component.compositionSource());
            if (source == null) {
                throw InvalidInputException.at(component.file(), component.line(), "component \"" + component.name()
                        + "\": compositionRef names unknown source \"" + component.compositionSource() + "\"");
            }
            String name = component.compositionName() == null ? component.type() : component.compositionName();
            Composition composition = source.get(name);
            if (composition == null) {
                throw InvalidInputException.at(component.file(), component.line(), "component \"" + component.name()
                        + "\": source \"" + component.compositionSource() + "\" has no composition \"" + name + "\"");
            }
            return composition;
        }
        Composition composition = byType.get(component.type());
        if (composition == null) {
            throw InvalidInputException.at(component.file(), component.typeLine(), "component \""
                    + component.name() + "\" has unknown type \"" + component.type() + "\" (known types: "
                    + (byType.isEmpty() ? "none" : String.join(", ", byType.keySet())) + ")");
        }
        return composition;
    }
}
