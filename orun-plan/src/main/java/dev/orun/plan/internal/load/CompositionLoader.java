package dev.orun.plan.internal.load;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.JobId;
import dev.orun.plan.internal.model.Composition;
import dev.orun.plan.internal.model.JobDef;
import dev.orun.plan.internal.model.ProfileDef;
import dev.orun.plan.internal.model.StepDef;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YNode;
import dev.orun.plan.internal.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the compositions of one source: a Stack ({@code stack.yaml}, compositions listed or found
 * as {@code composition.yaml}/{@code compositions.yaml} in per-type folders) or a
 * CompositionPackage ({@code orun.yaml}). Split documents (ComponentSchema, JobTemplate,
 * ExecutionProfile) are looked up next to the composition by name.
 */
final class CompositionLoader {

    private final SourceTree tree;
    private final String sourceName;
    private final Warnings warnings;

    CompositionLoader(SourceTree tree, String sourceName, Warnings warnings) {
        this.tree = tree;
        this.sourceName = sourceName;
        this.warnings = warnings;
    }

    Warnings warnings() {
        return warnings;
    }

    /** Compositions of this source by type, in sorted type order. */
    Map<String, Composition> load() {
        List<String> files = compositionFiles();
        Map<String, Composition> byType = new java.util.TreeMap<>();
        for (String file : files) {
            Composition composition = loadComposition(file);
            if (byType.put(composition.type(), composition) != null) {
                throw InvalidInputException.at(tree.display(file),
                        "composition type \"" + composition.type() + "\" is defined twice in source \"" + sourceName + "\"");
            }
        }
        return byType;
    }

    private List<String> compositionFiles() {
        Optional<YMap> stack = document("stack.yaml");
        if (stack.isPresent()) {
            YMap manifest = stack.get();
            expectKind(manifest, "Stack", "stack.yaml");
            DeclaredKeys.STACK_DOCUMENT.check(manifest, warnings);
            DeclaredKeys.DOCUMENT_METADATA.check(manifest.map("metadata"), warnings);
            DeclaredKeys.STACK_SPEC.check(manifest.map("spec"), warnings);
            List<String> listed = new ArrayList<>();
            for (YNode entry : manifest.mapOrEmpty("spec").items("compositions")) {
                if (!(entry instanceof YMap m)) {
                    throw entry.error("spec.compositions entries must be mappings with a path");
                }
                DeclaredKeys.STACK_ENTRY.check(m, warnings);
                listed.add(resolveListed(m.requiredString("path", "a spec.compositions entry"), m));
            }
            return listed.isEmpty() ? discovered() : listed;
        }
        Optional<YMap> pkg = document("orun.yaml");
        if (pkg.isPresent()) {
            expectKind(pkg.get(), "CompositionPackage", "orun.yaml");
            checkDocument(pkg.get(), DeclaredKeys.PACKAGE_SPEC);
            List<String> listed = new ArrayList<>();
            for (YNode entry : pkg.get().mapOrEmpty("spec").items("exports")) {
                if (!(entry instanceof YMap m)) {
                    throw entry.error("spec.exports entries must be mappings");
                }
                DeclaredKeys.EXPORT.check(m, warnings);
                listed.add(resolveListed(m.requiredString("path", "an export"), m));
            }
            return listed;
        }
        throw InvalidInputException.at(tree.display("stack.yaml"),
                "composition source \"" + sourceName + "\" has no stack.yaml (or orun.yaml)");
    }

    private String resolveListed(String path, YMap entry) {
        String rel = normalize(path);
        for (String candidate : List.of(rel, join(rel, "compositions.yaml"), join(rel, "composition.yaml"))) {
            if (tree.read(candidate).isPresent()) {
                return candidate;
            }
        }
        throw entry.error("composition \"" + path + "\" not found in source \"" + sourceName + "\"");
    }

    private List<String> discovered() {
        List<String> found = tree.files().stream()
                .filter(f -> f.contains("/"))
                .filter(f -> f.endsWith("/compositions.yaml") || f.endsWith("/composition.yaml"))
                .toList();
        if (found.isEmpty()) {
            throw InvalidInputException.at(tree.display("stack.yaml"),
                    "composition source \"" + sourceName + "\" contains no composition.yaml or compositions.yaml");
        }
        return found;
    }

    private Composition loadComposition(String file) {
        YMap doc = document(file).orElseThrow();
        expectKind(doc, "Composition", file);
        checkDocument(doc, DeclaredKeys.COMPOSITION_SPEC);
        YMap spec = doc.mapOrEmpty("spec");
        String type = spec.requiredString("type", "a composition's spec");
        String name = doc.mapOrEmpty("metadata").string("name");
        if (name != null && !name.equals(type)) {
            throw doc.error("composition metadata.name \"" + name + "\" must equal spec.type \"" + type + "\"");
        }
        String dir = parentOf(file);
        Map<String, Object> schema = spec.has("parameterSchema") ? spec.anyMap("parameterSchema") : null;
        Path schemaFile = tree.display(file);
        YMap schemaRef = spec.map("schemaRef");
        DeclaredKeys.REF.check(schemaRef, warnings);
        if (schema == null && schemaRef != null) {
            String ref = schemaRef.requiredString("name", "schemaRef");
            String schemaPath = find(dir, List.of("schema.yaml", ref + ".yaml"), "ComponentSchema", ref)
                    .orElseThrow(() -> schemaRef.error("ComponentSchema \"" + ref + "\" not found next to " + file));
            YMap schemaDoc = document(schemaPath).orElseThrow();
            checkDocument(schemaDoc, DeclaredKeys.SCHEMA_SPEC);
            schema = schemaDoc.mapOrEmpty("spec").anyMap("schema");
            schemaFile = tree.display(schemaPath);
        }
        Map<String, JobDef> jobs = jobs(spec, dir, type);
        String defaultJob = spec.string("defaultJob");
        if (defaultJob != null && !jobs.containsKey(defaultJob)) {
            throw InvalidInputException.at(doc.file(), spec.lineOf("defaultJob"),
                    "defaultJob \"" + defaultJob + "\" is not a job of composition " + type);
        }
        Map<String, ProfileDef> profiles = new ProfileLoader(this, dir, type, jobs).load(spec);
        String defaultProfile = spec.string("defaultProfile");
        if (defaultProfile != null && !profiles.containsKey(defaultProfile)) {
            throw InvalidInputException.at(doc.file(), spec.lineOf("defaultProfile"),
                    "defaultProfile \"" + defaultProfile + "\" is not a profile of composition " + type);
        }
        return new Composition(type, sourceName, tree.display(file), schema, schemaFile, jobs,
                defaultJob == null ? jobs.keySet().iterator().next() : defaultJob, profiles, defaultProfile);
    }

    private Map<String, JobDef> jobs(YMap spec, String dir, String type) {
        Map<String, JobDef> jobs = new LinkedHashMap<>();
        for (YNode node : spec.items("jobs")) {
            if (!(node instanceof YMap entry)) {
                throw node.error("a composition job must be a mapping");
            }
            String name = entry.requiredString("name", "a composition job");
            String problem = JobId.jobNameProblem(name);
            if (problem != null) {
                throw entry.get("name").error(problem);
            }
            SafeNames.job(name, entry.file(), entry.lineOf("name"), warnings);
            DeclaredKeys.JOB.check(entry, warnings);
            YMap body = entry;
            YMap templateRef = entry.map("templateRef");
            DeclaredKeys.REF.check(templateRef, warnings);
            if (templateRef != null) {
                String ref = templateRef.requiredString("name", "templateRef");
                String path = find(dir, List.of("jobs/" + ref + ".yaml", ref + ".yaml"), "JobTemplate", ref)
                        .orElseThrow(() -> templateRef.error("JobTemplate \"" + ref + "\" not found"));
                YMap template = document(path).orElseThrow();
                checkDocument(template, DeclaredKeys.JOB_TEMPLATE_SPEC);
                body = template.mapOrEmpty("spec");
            }
            List<StepDef> steps = StepParser.parseAll(body.items("steps"), "job " + name + " of " + type, warnings);
            if (jobs.put(name, new JobDef(name, body.string("runsOn"), ExecutionValues.timeout(body),
                    ExecutionValues.count(body, "retries"), steps)) != null) {
                throw entry.error("duplicate job \"" + name + "\" in composition " + type);
            }
        }
        if (jobs.isEmpty()) {
            throw spec.error("composition " + type + " declares no jobs");
        }
        return jobs;
    }

    /** The first candidate file (relative to {@code dir}) holding a document of {@code kind} named {@code name}. */
    Optional<String> find(String dir, List<String> candidates, String kind, String name) {
        for (String candidate : candidates) {
            String path = join(dir, candidate);
            Optional<YMap> doc = document(path);
            if (doc.isPresent() && kind.equals(doc.get().string("kind"))
                    && name.equals(doc.get().mapOrEmpty("metadata").string("name"))) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    Optional<YMap> document(String relPath) {
        return tree.read(relPath).map(text -> {
            Path display = tree.display(relPath);
            return YamlReader.rootMap(YamlReader.parse(text, display), display);
        });
    }

    /** Warns about unknown keys at a document's top level, in its metadata and in its spec. */
    void checkDocument(YMap doc, KeySet spec) {
        DeclaredKeys.DOCUMENT_KEYS.check(doc, warnings);
        DeclaredKeys.DOCUMENT_METADATA.check(doc.map("metadata"), warnings);
        spec.check(doc.map("spec"), warnings);
    }

    private void expectKind(YMap doc, String kind, String file) {
        if (!kind.equals(doc.string("kind"))) {
            throw doc.error("expected kind: " + kind + " in " + file);
        }
    }

    private static String parentOf(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    private static String normalize(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
