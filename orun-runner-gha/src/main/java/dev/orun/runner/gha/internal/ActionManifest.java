package dev.orun.runner.gha.internal;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * An action's {@code action.yml} (or {@code action.yaml}): its inputs, outputs and how it runs.
 *
 * @param kind {@code composite}, {@code node} or {@code docker}
 */
record ActionManifest(Path directory, Path file, String name, Map<String, Input> inputs,
                      Map<String, String> outputs, String using, String kind, Map<String, Object> runs,
                      List<Map<String, Object>> steps) {

    /** One declared input. */
    record Input(String defaultValue, boolean required) {
    }

    static final List<String> NODE_VERSIONS = List.of("node12", "node16", "node20", "node24");

    static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve("action.yml"))
                || Files.isRegularFile(directory.resolve("action.yaml"));
    }

    /** Loads and checks the manifest; problems name the file (and line, for YAML errors). */
    static ActionManifest load(Path directory) {
        Path file = directory.resolve("action.yml");
        if (!Files.isRegularFile(file)) {
            file = directory.resolve("action.yaml");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(directory + ": no action.yml or action.yaml");
        }
        Object root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Load(LoadSettings.builder().setLabel(file.toString()).build())
                    .loadFromReader(reader);
        } catch (MarkedYamlEngineException e) {
            throw new InvalidInputException(file + ":" + (e.getProblemMark().map(m -> m.getLine() + 1)
                    .orElse(0)) + ": " + e.getProblem());
        } catch (YamlEngineException | IOException e) {
            throw new InvalidInputException(file + ": " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidInputException(file + ": not a mapping");
        }
        Map<String, Object> runs = mapOf(map.get("runs"), file, "runs");
        String using = string(runs.get("using"));
        if (using == null) {
            throw new InvalidInputException(file + ": runs.using is missing");
        }
        String normalized = using.toLowerCase(Locale.ROOT);
        String kind = normalized.equals("composite") ? "composite"
                : normalized.equals("docker") ? "docker"
                : NODE_VERSIONS.contains(normalized) ? "node" : null;
        if (kind == null) {
            throw new InvalidInputException(file + ": unsupported runs.using \"" + using
                    + "\" (supported: composite, docker, " + String.join(", ", NODE_VERSIONS) + ")");
        }
        if (kind.equals("node") && string(runs.get("main")) == null) {
            throw new InvalidInputException(file + ": runs.main is missing for a " + using + " action");
        }
        if (kind.equals("docker") && string(runs.get("image")) == null) {
            throw new InvalidInputException(file + ": runs.image is missing for a docker action");
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        if (kind.equals("composite")) {
            Object list = runs.get("steps");
            if (!(list instanceof List<?> items)) {
                throw new InvalidInputException(file + ": runs.steps is missing for a composite action");
            }
            for (Object item : items) {
                steps.add(mapOf(item, file, "runs.steps[]"));
            }
        }
        Path source = file;
        Map<String, Input> inputs = new LinkedHashMap<>();
        mapOf(map.get("inputs"), file, "inputs").forEach((name, value) -> {
            Map<String, Object> spec = value == null ? Map.of() : mapOf(value, source, "inputs." + name);
            inputs.put(name, new Input(scalar(spec.get("default")), truthy(spec.get("required"))));
        });
        Map<String, String> outputs = new LinkedHashMap<>();
        mapOf(map.get("outputs"), file, "outputs").forEach((name, value) -> {
            Map<String, Object> spec = value == null ? Map.of() : mapOf(value, source, "outputs." + name);
            outputs.put(name, scalar(spec.get("value")));
        });
        return new ActionManifest(directory, file, string(map.get("name")), inputs, outputs,
                using, kind, runs, steps);
    }

    String run(String key) {
        return scalar(runs.get(key));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapOf(Object value, Path file, String where) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException(file + ": " + where + " must be a mapping");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    static String string(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    static String scalar(Object value) {
        return value == null ? null : value instanceof String s ? s : String.valueOf(value);
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value != null && "true".equalsIgnoreCase(value.toString());
    }
}
