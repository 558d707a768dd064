package dev.orun.plan.internal.load;

import dev.orun.plan.internal.yaml.YList;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YNode;
import dev.orun.plan.internal.yaml.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Go planner's preset merge (the repository always wins): {@code env} keys the intent lacks;
 * trigger bindings by name; absent groups and environments whole; for existing ones, missing
 * {@code parameterDefaults[type][key]} and {@code env} keys, the union of
 * {@code activation.triggerRefs}, {@code selectors} and {@code path} only when unset, and
 * {@code policies} from the preset. Preset {@code discovery.roots} are not used: the Go planner
 * discovers components before it merges presets, so they never discover anything there either.
 */
final class PresetMerge {

    private PresetMerge() {
    }

    static YMap merge(YMap intent, YMap preset) {
        YMap result = intent;
        result = with(result, "env", addMissing(intent.map("env"), preset.map("env")));
        YMap presetAutomation = preset.map("automation");
        if (presetAutomation != null) {
            YMap automation = intent.map("automation");
            YMap bindings = addMissing(automation == null ? null : automation.map("triggerBindings"),
                    presetAutomation.map("triggerBindings"));
            result = with(result, "automation", with(automation == null ? presetAutomation : automation,
                    "triggerBindings", bindings));
        }
        result = with(result, "groups", mergeNamed(intent.map("groups"), preset.map("groups")));
        return with(result, "environments", mergeNamed(intent.map("environments"), preset.map("environments")));
    }

    /** Environments or groups by name: absent ones whole, existing ones field by field. */
    private static YMap mergeNamed(YMap mine, YMap theirs) {
        if (theirs == null) {
            return mine;
        }
        if (mine == null) {
            return theirs;
        }
        Map<String, YNode> entries = new LinkedHashMap<>(mine.entries());
        theirs.entries().forEach((name, node) -> {
            YNode existing = entries.get(name);
            if (existing == null || existing instanceof YScalar s && s.isNull()) {
                entries.put(name, node);
            } else if (existing instanceof YMap own && node instanceof YMap preset) {
                entries.put(name, mergeOne(own, preset));
            }
        });
        return new YMap(entries, mine.file(), mine.line(), keyLines(mine));
    }

    private static YMap mergeOne(YMap own, YMap preset) {
        YMap result = own;
        result = with(result, "parameterDefaults", mergeDefaults(own.map("parameterDefaults"),
                preset.map("parameterDefaults")));
        result = with(result, "env", addMissing(own.map("env"), preset.map("env")));
        result = with(result, "activation", mergeActivation(own.map("activation"), preset.map("activation")));
        if (!own.has("selectors")) {
            result = with(result, "selectors", preset.get("selectors"));
        }
        if (own.string("path") == null || own.string("path").isEmpty()) {
            result = with(result, "path", preset.get("path"));
        }
        if (preset.has("policies")) {
            result = with(result, "policies", preset.get("policies"));
        }
        return result;
    }

    private static YMap mergeDefaults(YMap mine, YMap theirs) {
        if (theirs == null || mine == null) {
            return mine == null ? theirs : mine;
        }
        Map<String, YNode> entries = new LinkedHashMap<>(mine.entries());
        theirs.entries().forEach((type, node) -> {
            YNode existing = entries.get(type);
            if (existing instanceof YMap own && node instanceof YMap preset) {
                entries.put(type, addMissing(own, preset));
            } else if (existing == null) {
                entries.put(type, node);
            }
        });
        return new YMap(entries, mine.file(), mine.line(), keyLines(mine));
    }

    private static YMap mergeActivation(YMap mine, YMap theirs) {
        if (theirs == null || mine == null) {
            return mine == null ? theirs : mine;
        }
        List<YNode> refs = new ArrayList<>(mine.items("triggerRefs"));
        List<String> seen = new ArrayList<>(mine.stringList("triggerRefs"));
        for (YNode ref : theirs.items("triggerRefs")) {
            if (ref instanceof YScalar s && !seen.contains(s.text())) {
                refs.add(ref);
                seen.add(s.text());
            }
        }
        return with(mine, "triggerRefs", new YList(refs, mine.file(), mine.line()));
    }

    /** {@code mine} plus the entries of {@code theirs} whose keys it lacks. */
    private static YMap addMissing(YMap mine, YMap theirs) {
        if (theirs == null || mine == null) {
            return mine == null ? theirs : mine;
        }
        Map<String, YNode> entries = new LinkedHashMap<>(mine.entries());
        Map<String, Integer> lines = keyLines(mine);
        theirs.entries().forEach((key, node) -> {
            if (!entries.containsKey(key)) {
                entries.put(key, node);
                lines.put(key, theirs.keyLine(key));
            }
        });
        return new YMap(entries, mine.file(), mine.line(), lines);
    }

    private static YMap with(YMap map, String key, YNode value) {
        if (value == null || value == map.entries().get(key)) {
            return map;
        }
        Map<String, YNode> entries = new LinkedHashMap<>(map.entries());
        entries.put(key, value);
        Map<String, Integer> lines = keyLines(map);
        lines.putIfAbsent(key, value.line());
        return new YMap(entries, map.file(), map.line(), lines);
    }

    private static Map<String, Integer> keyLines(YMap map) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        map.entries().keySet().forEach(key -> lines.put(key, map.keyLine(key)));
        return lines;
    }
}
