package dev.orun.plan.internal.load;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.JobId;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.ComponentDecl.DependencyDecl;
import dev.orun.plan.internal.model.ComponentDecl.Subscription;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YNode;
import dev.orun.plan.internal.yaml.YScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses a component's fields: the {@code spec} of a component.yaml or an inline entry. */
final class ComponentParser {

    /** The intent.yaml sections a component may watch. */
    static final java.util.Set<String> WATCHABLE = java.util.Set.of("automation", "compositions", "discovery",
            "env", "environments", "execution", "groups");

    private ComponentParser() {
    }

    static ComponentDecl parse(String name, int nameLine, YMap spec, String defaultPath, Warnings warnings) {
        String problem = JobId.componentNameProblem(name);
        if (problem != null) {
            throw InvalidInputException.at(spec.file(), nameLine, problem);
        }
        checkKeys(spec, defaultPath == null ? DeclaredKeys.INLINE_COMPONENT : DeclaredKeys.COMPONENT_SPEC, warnings);
        SafeNames.component(name, spec.file(), nameLine, warnings);
        InterpolatedValues.checkComponent(spec, warnings);
        String type = spec.string("type");
        if (type == null || type.isBlank()) {
            throw spec.error("component \"" + name + "\" must have a type");
        }
        warnIfDisabled(name, spec, warnings);
        YMap compositionRef = spec.mapOrEmpty("compositionRef");
        return new ComponentDecl(name, type, spec.lineOf("type"), spec.string("domain"), blankToNull(spec.string("path")),
                defaultPath, EnvKeys.checked(spec.stringMap("env"), spec),
                spec.anyMap("parameters"), subscriptions(spec, warnings), dependencies(spec),
                spec.stringMap("labels"),
                StepParser.parseAll(spec.mapOrEmpty("overrides").items("steps"), "overrides of " + name, warnings),
                compositionRef.string("source"), compositionRef.string("name"), spec.file(), nameLine,
                changeWatches(name, spec), SecretRefs.checked(spec, "secretEnv"),
                SecretRefs.checked(spec, "optionalSecretEnv"));
    }

    private static void checkKeys(YMap spec, KeySet keys, Warnings warnings) {
        keys.check(spec, warnings);
        YMap subscribe = spec.map("subscribe");
        DeclaredKeys.SUBSCRIBE.check(subscribe, warnings);
        if (subscribe != null) {
            IntentLoader.eachMap(subscribe.items("environments"), s -> DeclaredKeys.SUBSCRIPTION.check(s, warnings));
        }
        IntentLoader.eachMap(spec.items("dependsOn"), d -> DeclaredKeys.DEPENDENCY.check(d, warnings));
        DeclaredKeys.OVERRIDES.check(spec.map("overrides"), warnings);
        DeclaredKeys.COMPOSITION_REF.check(spec.map("compositionRef"), warnings);
        DeclaredKeys.CHANGE.check(spec.map("change"), warnings);
    }

    private static List<Subscription> subscriptions(YMap spec, Warnings warnings) {
        List<Subscription> subscriptions = new ArrayList<>();
        for (YNode node : spec.mapOrEmpty("subscribe").items("environments")) {
            if (node instanceof YScalar s) {
                subscriptions.add(new Subscription(s.text(), null, Map.of(), Map.of(), s.line(), null, Map.of(),
                        List.of(), List.of()));
            } else if (node instanceof YMap m) {
                subscriptions.add(new Subscription(m.requiredString("name", "a subscription"),
                        m.string("profile"), EnvKeys.checked(m.stringMap("env"), m),
                        m.anyMap("parameters"), m.line(), DependencyModes.of(m),
                        SecretRefs.checked(m, "secretEnv"), TriggerRules.profileRules(m, warnings),
                        TriggerRules.dependencyRules(m, warnings)));
            } else {
                throw node.error("a subscription must be an environment name or a mapping");
            }
        }
        return subscriptions;
    }

    private static List<DependencyDecl> dependencies(YMap spec) {
        List<DependencyDecl> dependencies = new ArrayList<>();
        for (YNode node : spec.items("dependsOn")) {
            if (node instanceof YScalar s) {
                dependencies.add(new DependencyDecl(s.text(), null, false, s.line(), false));
            } else if (node instanceof YMap m) {
                String include = m.string("include");
                if (include != null && !include.equals("always") && !include.equals("if-selected")) {
                    throw m.error("invalid include \"" + include + "\" (expected if-selected or always)");
                }
                dependencies.add(new DependencyDecl(m.requiredString("component", "a dependsOn entry"),
                        blankToNull(m.string("environment")), "always".equals(include), m.line(),
                        Boolean.TRUE.equals(m.bool("input"))));
            } else {
                throw node.error("a dependsOn entry must be a component name or a mapping");
            }
        }
        return dependencies;
    }

    /** {@code change.watches}: intent.yaml sections whose changes select this component. */
    private static List<String> changeWatches(String name, YMap spec) {
        YMap change = spec.mapOrEmpty("change");
        List<String> watches = change.stringList("watches");
        for (String section : watches) {
            if (!WATCHABLE.contains(section)) {
                throw InvalidInputException.at(spec.file(), change.lineOf("watches"), "component \"" + name
                        + "\": change.watches: unknown section \"" + section + "\" (expected one of "
                        + String.join(", ", new java.util.TreeSet<>(WATCHABLE)) + ")");
            }
        }
        return List.copyOf(watches);
    }

    /** The Go planner forces every component to enabled; so do we, but say so (docs/decisions/go-planner-compatibility.md). */
    private static void warnIfDisabled(String name, YMap spec, Warnings warnings) {
        if (spec.get("enabled") instanceof YScalar s && s.text().equalsIgnoreCase("false")) {
            warnings.add(spec.file(), s.line(), "component \"" + name
                    + "\": \"enabled: false\" has no effect; the component is planned as usual");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
