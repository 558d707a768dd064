package dev.orun.plan.internal.load;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.ExecutionSettings;
import dev.orun.core.plan.JobId;
import dev.orun.core.plan.StateSettings;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.CompositionSourceDecl;
import dev.orun.plan.internal.model.EnvironmentDecl;
import dev.orun.plan.internal.model.EnvironmentDecl.Promotion;
import dev.orun.plan.internal.model.GroupDecl;
import dev.orun.plan.internal.model.Intent;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YNode;
import dev.orun.plan.internal.yaml.YScalar;
import dev.orun.plan.internal.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code intent.yaml}. Unknown fields are ignored so real-world intents load. */
public final class IntentLoader {

    private IntentLoader() {
    }

    public static Intent load(Path intentFile, Path display, Warnings warnings, SourceTrees trees) {
        YMap root = YamlReader.rootMap(YamlReader.read(intentFile, display), display);
        checkKeys(root, warnings);
        YMap compositions = root.mapOrEmpty("compositions");
        root = Presets.apply(root, sources(compositions, warnings), trees, warnings);
        InterpolatedValues.checkIntent(root, warnings);
        YMap declaredEnvironments = root.mapOrEmpty("environments");
        declaredEnvironments.entries().keySet().forEach(name ->
                SafeNames.environment(name, display, declaredEnvironments.keyLine(name), warnings));
        YMap metadata = root.mapOrEmpty("metadata");
        YMap resolution = compositions.mapOrEmpty("resolution");
        List<String> roots = root.mapOrEmpty("discovery").stringList("roots");
        return new Intent(display, metadata.string("name"), metadata.string("description"),
                EnvKeys.checked(root.stringMap("env"), root),
                sources(compositions, warnings), resolution.stringMap("bindings"),
                resolution.stringList("precedence"),
                roots.isEmpty() ? List.of(".") : roots,
                groups(root.mapOrEmpty("groups")), environments(root.mapOrEmpty("environments")),
                inlineComponents(root, warnings), execution(root.mapOrEmpty("execution")),
                SecretRefs.checked(root, "secretEnv"), TriggerBindings.parse(root.mapOrEmpty("automation")),
                secretScope(root.mapOrEmpty("execution").mapOrEmpty("state")), metadata.string("namespace"),
                java.util.Set.copyOf(root.mapOrEmpty("catalog").mapOrEmpty("discovery").stringList("exclude")));
    }

    private static Intent.SecretScope secretScope(YMap state) {
        return new Intent.SecretScope(state.string("workspace"), state.string("project"));
    }

    /** Warns about unknown keys in every mapping of the intent outside the inline components. */
    private static void checkKeys(YMap root, Warnings warnings) {
        DeclaredKeys.INTENT.check(root, warnings);
        DeclaredKeys.INTENT_METADATA.check(root.map("metadata"), warnings);
        YMap compositions = root.map("compositions");
        DeclaredKeys.COMPOSITIONS.check(compositions, warnings);
        if (compositions != null) {
            DeclaredKeys.RESOLUTION.check(compositions.map("resolution"), warnings);
            eachMap(compositions.items("sources"), source -> DeclaredKeys.SOURCE.check(source, warnings));
        }
        DeclaredKeys.DISCOVERY.check(root.map("discovery"), warnings);
        eachValue(root.map("groups"), group -> DeclaredKeys.GROUP.check(group, warnings));
        eachValue(root.map("environments"), env -> {
            DeclaredKeys.ENVIRONMENT.check(env, warnings);
            DeclaredKeys.SELECTORS.check(env.map("selectors"), warnings);
            DeclaredKeys.ACTIVATION.check(env.map("activation"), warnings);
            YMap promotion = env.map("promotion");
            DeclaredKeys.PROMOTION.check(promotion, warnings);
            if (promotion != null) {
                eachMap(promotion.items("dependsOn"), entry -> DeclaredKeys.PROMOTION_ENTRY.check(entry, warnings));
            }
        });
        YMap execution = root.map("execution");
        DeclaredKeys.EXECUTION.check(execution, warnings);
        if (execution != null) {
            DeclaredKeys.STATE.check(execution.map("state"), warnings);
        }
        YMap automation = root.map("automation");
        DeclaredKeys.AUTOMATION.check(automation, warnings);
        if (automation != null) {
            eachValue(automation.map("triggerBindings"), binding -> {
                DeclaredKeys.TRIGGER_BINDING.check(binding, warnings);
                DeclaredKeys.TRIGGER_ON.check(binding.map("on"), warnings);
                DeclaredKeys.TRIGGER_PLAN.check(binding.map("plan"), warnings);
            });
        }
        eachMap(root.items("extends"), entry -> DeclaredKeys.EXTENDS_ENTRY.check(entry, warnings));
    }

    /** Applies {@code check} to the mapping items of a list; other shapes are reported where they are read. */
    static void eachMap(List<YNode> items, java.util.function.Consumer<YMap> check) {
        items.forEach(item -> {
            if (item instanceof YMap map) {
                check.accept(map);
            }
        });
    }

    /** Applies {@code check} to the mapping values of a mapping (environments, groups, bindings by name). */
    static void eachValue(YMap byName, java.util.function.Consumer<YMap> check) {
        if (byName != null) {
            byName.entries().values().forEach(value -> {
                if (value instanceof YMap map) {
                    check.accept(map);
                }
            });
        }
    }

    private static List<CompositionSourceDecl> sources(YMap compositions, Warnings warnings) {
        List<CompositionSourceDecl> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YNode node : compositions.items("sources")) {
            if (!(node instanceof YMap source)) {
                throw node.error("a composition source must be a mapping");
            }
            String name = source.requiredString("name", "a composition source");
            if (!names.add(name)) {
                throw source.error("duplicate composition source \"" + name + "\"");
            }
            String kind = source.requiredString("kind", "composition source \"" + name + "\"");
            String owner = "composition source \"" + name + "\"";
            switch (kind) {
                case "dir", "archive" -> {
                    if (source.has("digest")) {
                        warnings.add(source.file(), source.keyLine("digest"), "\"digest\" in " + owner
                                + " is only verified for kind: oci and is ignored");
                    }
                    sources.add(new CompositionSourceDecl(name, kind, source.requiredString("path", owner), source.line()));
                }
                case "oci" -> sources.add(new CompositionSourceDecl(name, kind, null,
                        source.requiredString("ref", owner), source.string("digest"), source.line()));
                default -> throw source.error(owner + " has unsupported kind \"" + kind
                        + "\" (expected dir, archive or oci)");
            }
        }
        return sources;
    }

    private static Map<String, GroupDecl> groups(YMap groups) {
        Map<String, GroupDecl> result = new LinkedHashMap<>();
        groups.entries().forEach((name, node) -> {
            YMap group = asMap(node, "group \"" + name + "\"");
            result.put(name, new GroupDecl(name, parameterDefaults(group)));
        });
        return result;
    }

    private static Map<String, EnvironmentDecl> environments(YMap environments) {
        Map<String, EnvironmentDecl> result = new LinkedHashMap<>();
        environments.entries().forEach((name, node) -> {
            String problem = JobId.environmentNameProblem(name);
            if (problem != null) {
                throw node.error(problem);
            }
            YMap env = node instanceof YScalar s && s.isNull()
                    ? YMap.empty(node.file(), node.line()) : asMap(node, "environment \"" + name + "\"");
            YMap selectors = env.mapOrEmpty("selectors");
            result.put(name, new EnvironmentDecl(name, selectors.stringList("components"),
                    selectors.stringList("domains"), parameterDefaults(env),
                    EnvKeys.checked(env.stringMap("env"), env), promotions(env), node.line(),
                    DependencyModes.of(env), SecretRefs.checked(env, "secretEnv"),
                    env.mapOrEmpty("activation").stringList("triggerRefs")));
        });
        return result;
    }

    private static List<Promotion> promotions(YMap env) {
        List<Promotion> promotions = new ArrayList<>();
        for (YNode node : env.mapOrEmpty("promotion").items("dependsOn")) {
            if (node instanceof YScalar s) {
                promotions.add(new Promotion(s.text(), Promotion.SAME_COMPONENT, s.line()));
            } else if (node instanceof YMap m) {
                String strategy = m.string("strategy");
                if (strategy != null && !strategy.equals(Promotion.SAME_COMPONENT)
                        && !strategy.equals(Promotion.ENVIRONMENT_BARRIER)) {
                    throw m.error("invalid promotion strategy \"" + strategy
                            + "\" (expected same-component or environment-barrier)");
                }
                String satisfy = m.string("satisfy");
                promotions.add(new Promotion(m.requiredString("environment", "a promotion entry"),
                        strategy == null ? Promotion.SAME_COMPONENT : strategy, m.line(),
                        orDefault(m.string("condition"), "success"),
                        orDefault(satisfy, Promotion.SAME_PLAN_OR_PREVIOUS_SUCCESS),
                        orDefault(m.mapOrEmpty("match").string("revision"), "source")));
            } else {
                throw node.error("a promotion entry must be an environment name or a mapping");
            }
        }
        return promotions;
    }

    private static Map<String, Map<String, Object>> parameterDefaults(YMap owner) {
        Map<String, Map<String, Object>> defaults = new LinkedHashMap<>();
        YMap map = owner.mapOrEmpty("parameterDefaults");
        map.entries().keySet().forEach(type -> defaults.put(type, map.anyMap(type)));
        return defaults;
    }

    private static List<ComponentDecl> inlineComponents(YMap root, Warnings warnings) {
        List<ComponentDecl> components = new ArrayList<>();
        for (YNode node : root.items("components")) {
            YMap component = asMap(node, "an inline component");
            String name = component.requiredString("name", "an inline component");
            components.add(ComponentParser.parse(name, component.lineOf("name"), component, null, warnings));
        }
        return components;
    }

    private static ExecutionSettings execution(YMap execution) {
        int concurrency = execution.integer("concurrency", ExecutionSettings.DEFAULT_CONCURRENCY);
        if (concurrency < 0) {
            throw InvalidInputException.at(execution.file(), execution.lineOf("concurrency"),
                    "execution.concurrency must not be negative");
        }
        Boolean failFast = execution.bool("failFast");
        YMap state = execution.map("state");
        StateSettings stateSettings = null;
        if (state != null) {
            String mode = state.string("mode");
            if (mode != null && !mode.equals(StateSettings.MODE_LOCAL) && !mode.equals(StateSettings.MODE_REMOTE)) {
                throw InvalidInputException.at(state.file(), state.lineOf("mode"),
                        "execution.state.mode must be local or remote, not \"" + mode + "\"");
            }
            stateSettings = new StateSettings(mode, state.string("backendUrl"));
        }
        return new ExecutionSettings(concurrency, failFast == null || failFast, stateSettings);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static YMap asMap(YNode node, String what) {
        if (node instanceof YMap map) {
            return map;
        }
        throw node.error(what + " must be a mapping");
    }
}
