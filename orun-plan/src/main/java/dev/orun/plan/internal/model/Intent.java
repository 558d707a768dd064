package dev.orun.plan.internal.model;

import dev.orun.core.plan.ExecutionSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The loaded {@code intent.yaml}. {@code file} is the display path used in errors. */
public record Intent(
        Path file,
        String name,
        String description,
        Map<String, String> env,
        List<CompositionSourceDecl> sources,
        Map<String, String> typeBindings,
        List<String> sourcePrecedence,
        List<String> discoveryRoots,
        Map<String, GroupDecl> groups,
        Map<String, EnvironmentDecl> environments,
        List<ComponentDecl> inlineComponents,
        ExecutionSettings execution,
        Map<String, String> secretEnv,
        Map<String, TriggerBinding> triggerBindings,
        SecretScope secretScope,
        String namespace,
        java.util.Set<String> catalogExcludes) {

    /**
     * {@code execution.state.workspace} and {@code project}: the scope profile {@code secretBindings}
     * map into ({@code secret://<workspace>/project:<project>/env:<env>/<key>}); either may be null.
     */
    public record SecretScope(String workspace, String project) {
        public boolean complete() {
            return workspace != null && !workspace.isBlank() && project != null && !project.isBlank();
        }
    }
}
