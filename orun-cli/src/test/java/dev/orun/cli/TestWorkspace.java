package dev.orun.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small real orun workspace: an intent with one environment ({@code dev}), a {@code shell}
 * composition whose single job {@code build} runs the component's {@code script} parameter, and
 * components under {@code services/<name>} with their dependencies.
 */
final class TestWorkspace {

    private final Path root;
    private final Map<String, String> scripts = new LinkedHashMap<>();
    private final Map<String, List<String>> dependencies = new LinkedHashMap<>();
    private int concurrency = 1;
    private boolean failFast = true;

    TestWorkspace(Path root) {
        this.root = root;
    }

    TestWorkspace component(String name, String script, String... dependsOn) {
        scripts.put(name, script);
        dependencies.put(name, List.of(dependsOn));
        return this;
    }

    TestWorkspace execution(int newConcurrency, boolean newFailFast) {
        this.concurrency = newConcurrency;
        this.failFast = newFailFast;
        return this;
    }

    Path root() {
        return root;
    }

    Path intent() {
        return root.resolve("intent.yaml");
    }

    TestWorkspace write() {
        write("intent.yaml", String.join("\n",
                "apiVersion: sourceplane.io/v1",
                "kind: Intent",
                "metadata: {name: shop}",
                "compositions:",
                "  sources: [{name: local, kind: dir, path: ./stack}]",
                "discovery: {roots: [services]}",
                "environments:",
                "  dev: {}",
                "execution: {concurrency: " + concurrency + ", failFast: " + failFast + "}",
                ""));
        write("stack/stack.yaml", "apiVersion: orun.io/v1\nkind: Stack\nmetadata: {name: test, version: 0.1.0}\n");
        write("stack/compositions/shell/compositions.yaml", String.join("\n",
                "apiVersion: sourceplane.io/v1alpha1",
                "kind: Composition",
                "metadata: {name: shell}",
                "spec:",
                "  type: shell",
                "  defaultJob: build",
                "  parameterSchema: {type: object}",
                "  jobs:",
                "    - name: build",
                "      steps:",
                "        - name: work",
                "          run: '{{.parameters.script}}'",
                ""));
        for (Map.Entry<String, String> component : scripts.entrySet()) {
            StringBuilder yaml = new StringBuilder(String.join("\n",
                    "apiVersion: sourceplane.io/v1",
                    "kind: Component",
                    "metadata: {name: " + component.getKey() + "}",
                    "spec:",
                    "  type: shell",
                    "  subscribe: {environments: [dev]}",
                    "  parameters:",
                    "    script: " + quote(component.getValue()),
                    ""));
            List<String> deps = dependencies.get(component.getKey());
            if (!deps.isEmpty()) {
                yaml.append("  dependsOn:\n");
                deps.forEach(dep -> yaml.append("    - {component: ").append(dep).append("}\n"));
            }
            write("services/" + component.getKey() + "/component.yaml", yaml.toString());
        }
        return this;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void write(String relative, String text) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
