package dev.orun.plan.internal.load;

/**
 * Every key the declared model may contain, per kind of mapping, following the Go planner's field
 * reference. Catalog-only fields the Go planner ignores too are known (they are not typos);
 * fields with planner meaning that this compiler does not implement are "ignored" and warn.
 */
final class DeclaredKeys {

    private static final String[] DOCUMENT = {"apiVersion", "kind", "metadata", "spec"};
    private static final String[] METADATA = {"name", "description", "namespace", "labels", "annotations",
            "version"};

    static final KeySet INTENT = KeySet.of("intent.yaml", "apiVersion", "kind", "metadata", "env", "secretEnv",
            "compositions", "discovery", "groups", "environments", "components", "automation", "extends",
            "execution", "catalog", "repo");
    static final KeySet INTENT_METADATA = KeySet.of("intent metadata", METADATA);
    static final KeySet COMPOSITIONS = KeySet.of("compositions", "sources", "resolution");
    static final KeySet SOURCE = KeySet.of("a composition source", "name", "kind", "path", "ref", "digest",
            "pullPolicy", "verify", "metadata");
    static final KeySet RESOLUTION = KeySet.of("compositions.resolution", "precedence", "bindings");
    static final KeySet DISCOVERY = KeySet.of("discovery", "roots");
    static final KeySet GROUP = KeySet.of("a group", "parameterDefaults", "policies", "path");
    static final KeySet ENVIRONMENT = KeySet.of("an environment", "selectors", "parameterDefaults", "env",
            "secretEnv", "policies", "promotion", "activation", "dependencyMode", "path", "description");
    static final KeySet SELECTORS = KeySet.of("selectors", "components", "domains");
    static final KeySet PROMOTION = KeySet.of("promotion", "dependsOn");
    static final KeySet PROMOTION_ENTRY = KeySet.of("a promotion entry", "environment", "strategy",
            "condition", "satisfy", "match");
    static final KeySet ACTIVATION = KeySet.of("activation", "triggerRefs");
    static final KeySet EXECUTION = KeySet.of("execution", "concurrency", "failFast", "state");
    static final KeySet STATE = KeySet.of("execution.state", "mode", "backendUrl", "workspace", "org", "project",
            "requireOrg", "autopushCatalog");
    static final KeySet AUTOMATION = KeySet.of("automation", "triggerBindings");
    static final KeySet TRIGGER_BINDING = KeySet.of("a trigger binding", "description", "on", "plan");
    static final KeySet TRIGGER_ON = KeySet.of("a trigger binding's on", "provider", "event", "actions",
            "branches", "baseBranches", "tags");
    static final KeySet TRIGGER_PLAN = KeySet.of("a trigger binding's plan", "scope", "base", "head");
    static final KeySet PRESET_SPEC = KeySet.of("IntentPreset spec", "env", "discovery", "automation",
            "environments", "groups");
    static final KeySet EXTENDS_ENTRY = KeySet.of("an extends entry", "source", "preset");

    static final KeySet COMPONENT_FILE = KeySet.of("component.yaml", DOCUMENT);
    static final KeySet COMPONENT_METADATA = KeySet.of("component metadata", METADATA);
    static final KeySet COMPONENT_SPEC = KeySet.of("component spec", "type", "domain", "path", "subscribe",
            "parameters", "env", "secretEnv", "optionalSecretEnv", "dependsOn", "labels", "overrides",
            "compositionRef", "change", "enabled", "description", "system", "owner", "lifecycle", "integrations",
            "links", "docs", "extensions", "environments");
    static final KeySet INLINE_COMPONENT = COMPONENT_SPEC.plus("name");
    static final KeySet SUBSCRIBE = KeySet.of("subscribe", "environments");
    static final KeySet SUBSCRIPTION = KeySet.of("a subscription", "name", "profile", "profileRules",
            "parameters", "env", "secretEnv", "dependencyMode", "dependencyRules");
    static final KeySet PROFILE_RULE = KeySet.of("a profileRules entry", "profile", "when");
    static final KeySet DEPENDENCY_RULE = KeySet.of("a dependencyRules entry", "mode", "when");
    static final KeySet RULE_WHEN = KeySet.of("when", "triggerRef");
    static final KeySet DEPENDENCY = KeySet.of("a dependsOn entry", "component", "environment", "scope",
            "condition", "include", "reason", "input");
    static final KeySet OVERRIDES = KeySet.of("overrides", "steps");
    static final KeySet COMPOSITION_REF = KeySet.of("compositionRef", "source", "name");
    static final KeySet CHANGE = KeySet.of("change", "watches");

    static final KeySet DOCUMENT_KEYS = KeySet.of("a composition document", DOCUMENT);
    static final KeySet DOCUMENT_METADATA = KeySet.of("metadata", METADATA);
    static final KeySet STACK_SPEC = KeySet.of("Stack spec", "compositions", "intentPresets");
    static final KeySet STACK_DOCUMENT = KeySet.of("stack.yaml", DOCUMENT).plus("registry");
    static final KeySet STACK_ENTRY = KeySet.of("a spec.compositions entry", "path", "name");
    static final KeySet PACKAGE_SPEC = KeySet.of("CompositionPackage spec", "version", "exports");
    static final KeySet EXPORT = KeySet.of("an export", "composition", "path");
    static final KeySet COMPOSITION_SPEC = KeySet.of("composition spec", "type", "description", "version",
            "lifecycle", "effects", "parameterSchema", "schemaRef", "jobs", "defaultJob", "executionProfiles",
            "profiles", "defaultProfile");
    static final KeySet REF = KeySet.of("a reference", "name");
    static final KeySet SCHEMA_SPEC = KeySet.of("ComponentSchema spec", "type", "schema");
    static final KeySet JOB = KeySet.of("a composition job", "name", "description", "runsOn", "timeout",
            "retries", "labels", "capabilities", "inputs", "steps", "templateRef");
    static final KeySet JOB_TEMPLATE_SPEC = KeySet.of("JobTemplate spec", "description", "runsOn", "timeout",
            "retries", "labels", "capabilities", "steps", "inputs");
    static final KeySet STEP = KeySet.of("a step", "id", "name", "capability", "phase", "order", "run", "use",
            "workflow", "with", "env", "shell", "working-directory", "timeout", "retry", "onFailure",
            "if", "continue-on-error",
            "connections", "resume", "approval", "description");
    static final KeySet APPROVAL = KeySet.of("a step approval", "prompt", "timeout", "onTimeout");
    static final KeySet PROFILE_ENTRY = KeySet.of("a profiles entry", "name", "profileRef", "description");
    static final KeySet PROFILE_SPEC = KeySet.of("an execution profile", "description", "policies", "jobs",
            "secretBindings", "materialize")
            .ignoring("materialize");
    static final KeySet SECRET_BINDING = KeySet.of("a secret binding", "asEnv", "required", "description");
    static final KeySet PROFILE_JOB = KeySet.of("a profile job", "stepsEnabled", "includeCapabilities",
            "stepOverrides");
    static final KeySet STEP_OVERRIDE = KeySet.of("a step override", "run", "with", "env");

    private DeclaredKeys() {
    }
}
