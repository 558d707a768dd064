package dev.orun.plan.internal.load;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.JobId;
import dev.orun.plan.internal.model.Composition;
import dev.orun.plan.internal.model.JobDef;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YNode;
import dev.orun.plan.internal.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The legacy {@code --config-dir} / {@code ORUN_CONFIG_DIR} layout of the Go orun: one folder per
 * component type holding {@code compositions.yaml} (or {@code job.yaml}), a {@code kind:
 * JobRegistry} document with {@code jobs[]}, and {@code schema.yaml}, a plain JSON Schema. Each
 * folder becomes a composition without profiles whose default job is its first job. Types are
 * only taken from here when no declared source exports them (docs/decisions/oci-composition-sources.md).
 */
final class LegacyConfigDir {

    static final String SOURCE_NAME = "legacy-config-dir";
    private static final KeySet DOCUMENT = KeySet.of("a JobRegistry document", "apiVersion", "kind", "metadata", "jobs");

    private LegacyConfigDir() {
    }

    /** The compositions in {@code dir}, by type (the folder name). */
    static Map<String, Composition> load(Path dir, Path display, Warnings warnings) {
        if (!Files.isDirectory(dir)) {
            throw InvalidInputException.at(display, "--config-dir: directory does not exist");
        }
        Map<String, Composition> byType = new TreeMap<>();
        List<Path> folders;
        try (Stream<Path> list = Files.list(dir)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw InvalidInputException.at(display, "--config-dir: cannot list: " + e.getMessage());
        }
        for (Path folder : folders) {
            String type = folder.getFileName().toString();
            Path registry = Files.isRegularFile(folder.resolve("compositions.yaml"))
                    ? folder.resolve("compositions.yaml") : folder.resolve("job.yaml");
            if (Files.isRegularFile(registry)) {
                byType.put(type, composition(type, registry, display.resolve(type), warnings));
            }
        }
        return byType;
    }

    private static Composition composition(String type, Path file, Path display, Warnings warnings) {
        Path shown = display.resolve(file.getFileName());
        YMap doc = YamlReader.rootMap(YamlReader.read(file, shown), shown);
        if (!"JobRegistry".equals(doc.string("kind"))) {
            throw doc.error("expected kind: JobRegistry in the legacy --config-dir layout");
        }
        DOCUMENT.check(doc, warnings);
        Map<String, JobDef> jobs = new LinkedHashMap<>();
        for (YNode node : doc.items("jobs")) {
            if (!(node instanceof YMap entry)) {
                throw node.error("a JobRegistry job must be a mapping");
            }
            String name = entry.requiredString("name", "a JobRegistry job");
            String problem = JobId.jobNameProblem(name);
            if (problem != null) {
                throw entry.get("name").error(problem);
            }
            DeclaredKeys.JOB.check(entry, warnings);
            List<dev.orun.plan.internal.model.StepDef> steps =
                    StepParser.parseAll(entry.items("steps"), "job " + name + " of " + type, warnings);
            if (jobs.put(name, new JobDef(name, entry.string("runsOn"), ExecutionValues.timeout(entry),
                    ExecutionValues.count(entry, "retries"), steps)) != null) {
                throw entry.error("duplicate job \"" + name + "\" in " + shown);
            }
        }
        if (jobs.isEmpty()) {
            throw doc.error("JobRegistry for type " + type + " declares no jobs");
        }
        Path schemaFile = file.resolveSibling("schema.yaml");
        Path schemaShown = display.resolve("schema.yaml");
        if (!Files.isRegularFile(schemaFile)) {
            throw InvalidInputException.at(schemaShown, "the legacy --config-dir layout needs a JSON Schema here for type " + type);
        }
        Map<String, Object> schema = YamlReader.rootMap(YamlReader.read(schemaFile, schemaShown), schemaShown).toValue();
        return new Composition(type, SOURCE_NAME, shown, schema, schemaShown, jobs, jobs.keySet().iterator().next(),
                Map.of(), null);
    }
}
