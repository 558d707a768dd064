package dev.orun.plan.internal.load;

import dev.orun.plan.internal.model.CompositionSourceDecl;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YNode;
import dev.orun.plan.internal.yaml.YamlReader;
import java.nio.file.Path;
import java.util.List;

/**
 * Intent {@code extends}: presets ({@code kind: IntentPreset}) from a composition source's Stack
 * ({@code spec.intentPresets[]}) are merged into the intent before anything else reads it, in
 * declaration order, the repository always winning (see {@link PresetMerge}).
 */
final class Presets {

    private Presets() {
    }

    static YMap apply(YMap intent, List<CompositionSourceDecl> sources, SourceTrees trees, Warnings warnings) {
        YMap merged = intent;
        for (YNode node : intent.items("extends")) {
            if (!(node instanceof YMap entry)) {
                throw node.error("an extends entry must be a mapping with source and preset");
            }
            String sourceName = entry.requiredString("source", "an extends entry");
            String presetName = entry.requiredString("preset", "an extends entry");
            CompositionSourceDecl source = sources.stream().filter(s -> s.name().equals(sourceName)).findFirst()
                    .orElseThrow(() -> entry.error("extends names undeclared composition source \"" + sourceName + "\""));
            merged = PresetMerge.merge(merged, load(trees.tree(source),
                    sourceName, presetName, entry, warnings));
        }
        return merged;
    }

    private static YMap load(SourceTree tree, String sourceName, String presetName, YMap entry, Warnings warnings) {
        YMap stack = document(tree, "stack.yaml").orElseThrow(() -> entry.error("composition source \""
                + sourceName + "\" has no stack.yaml to find preset \"" + presetName + "\" in"));
        for (YNode node : stack.mapOrEmpty("spec").items("intentPresets")) {
            if (node instanceof YMap ref && presetName.equals(ref.string("name"))) {
                String path = ref.requiredString("path", "an intentPresets entry");
                YMap preset = document(tree, path.startsWith("./") ? path.substring(2) : path)
                        .orElseThrow(() -> ref.error("intent preset file " + path + " not found"));
                if (!"IntentPreset".equals(preset.string("kind"))) {
                    throw preset.error("expected kind: IntentPreset");
                }
                YMap spec = preset.mapOrEmpty("spec");
                DeclaredKeys.PRESET_SPEC.check(spec, warnings);
                return spec;
            }
        }
        throw entry.error("preset \"" + presetName + "\" not found in spec.intentPresets of source \"" + sourceName + "\"");
    }

    private static java.util.Optional<YMap> document(SourceTree tree, String relPath) {
        return tree.read(relPath).map(text -> {
            Path display = tree.display(relPath);
            return YamlReader.rootMap(YamlReader.parse(text, display), display);
        });
    }
}
