package dev.orun.plan.internal.load;

import dev.orun.plan.internal.model.JobDef;
import dev.orun.plan.internal.model.ProfileDef;
import dev.orun.plan.internal.model.ProfileDef.ProfileJob;
import dev.orun.plan.internal.model.ProfileDef.SecretBinding;
import dev.orun.plan.internal.model.ProfileDef.StepOverride;
import dev.orun.plan.internal.model.StepDef;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a composition's profiles: inline {@code executionProfiles} or split {@code profiles[]}
 * entries referring to ExecutionProfile documents, and checks they name real jobs and steps.
 */
final class ProfileLoader {

    private final CompositionLoader loader;
    private final String dir;
    private final String type;
    private final Map<String, JobDef> jobs;

    ProfileLoader(CompositionLoader loader, String dir, String type, Map<String, JobDef> jobs) {
        this.loader = loader;
        this.dir = dir;
        this.type = type;
        this.jobs = jobs;
    }

    Map<String, ProfileDef> load(YMap spec) {
        Map<String, ProfileDef> profiles = new LinkedHashMap<>();
        YMap inline = spec.map("executionProfiles");
        if (inline != null) {
            inline.entries().forEach((name, node) -> {
                if (node instanceof YMap m) {
                    DeclaredKeys.PROFILE_SPEC.check(m, loader.warnings());
                }
                profiles.put(name, profile(name, node));
            });
            return profiles;
        }
        for (YNode node : spec.items("profiles")) {
            if (!(node instanceof YMap entry)) {
                throw node.error("a profiles entry must be a mapping");
            }
            String name = entry.requiredString("name", "a profiles entry");
            DeclaredKeys.PROFILE_ENTRY.check(entry, loader.warnings());
            YMap ref = entry.map("profileRef");
            DeclaredKeys.REF.check(ref, loader.warnings());
            if (ref == null) {
                continue;
            }
            String refName = ref.requiredString("name", "profileRef");
            String path = loader.find(dir, List.of("profiles/" + refName + ".yaml", refName + ".yaml"),
                            "ExecutionProfile", refName)
                    .orElseThrow(() -> ref.error("ExecutionProfile \"" + refName + "\" not found"));
            YMap doc = loader.document(path).orElseThrow();
            loader.checkDocument(doc, DeclaredKeys.PROFILE_SPEC);
            profiles.put(name, profile(name, doc.mapOrEmpty("spec")));
        }
        return profiles;
    }

    private ProfileDef profile(String name, YNode node) {
        if (!(node instanceof YMap spec)) {
            throw node.error("profile \"" + name + "\" must be a mapping");
        }
        Map<String, ProfileJob> selected = new LinkedHashMap<>();
        YMap jobMap = spec.mapOrEmpty("jobs");
        jobMap.entries().forEach((jobName, jobNode) -> {
            JobDef job = jobs.get(jobName);
            if (job == null) {
                throw jobNode.error("profile \"" + name + "\" selects job \"" + jobName
                        + "\" which composition " + type + " does not declare");
            }
            YMap body = jobNode instanceof YMap m ? m : YMap.empty(jobNode.file(), jobNode.line());
            DeclaredKeys.PROFILE_JOB.check(body, loader.warnings());
            Set<String> stepKeys = job.steps().stream().map(StepDef::key)
                    .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
            List<String> enabled = body.stringList("stepsEnabled");
            for (String key : enabled) {
                if (!stepKeys.contains(key)) {
                    throw body.error("profile \"" + name + "\" enables unknown step \"" + key + "\" of job " + jobName);
                }
            }
            Map<String, StepOverride> overrides = new LinkedHashMap<>();
            YMap overrideMap = body.mapOrEmpty("stepOverrides");
            overrideMap.entries().forEach((stepKey, o) -> {
                if (!stepKeys.contains(stepKey)) {
                    throw o.error("profile \"" + name + "\" overrides unknown step \"" + stepKey + "\" of job " + jobName);
                }
                YMap patch = o instanceof YMap m ? m : YMap.empty(o.file(), o.line());
                DeclaredKeys.STEP_OVERRIDE.check(patch, loader.warnings());
                overrides.put(stepKey, new StepOverride(patch.string("run"),
                        patch.has("with") ? patch.anyMap("with") : null,
                        patch.has("env") ? patch.anyMap("env") : null));
            });
            selected.put(jobName, new ProfileJob(enabled, body.stringList("includeCapabilities"), overrides));
        });
        if (selected.isEmpty()) {
            throw spec.error("profile \"" + name + "\" of composition " + type + " selects no jobs");
        }
        return new ProfileDef(name, selected, secretBindings(name, spec.mapOrEmpty("secretBindings")));
    }

    /** {@code secretBindings: {KEY: {asEnv?, required?}}}; a bare {@code KEY: {}} or {@code KEY:} is optional. */
    private Map<String, SecretBinding> secretBindings(String profile, YMap bindings) {
        Map<String, SecretBinding> result = new LinkedHashMap<>();
        bindings.entries().forEach((key, node) -> {
            YMap body = node instanceof YMap m ? m : YMap.empty(node.file(), node.line());
            if (!(node instanceof YMap) && !(node instanceof dev.orun.plan.internal.yaml.YScalar s && s.isNull())) {
                throw node.error("profile \"" + profile + "\": secretBindings." + key + " must be a mapping");
            }
            DeclaredKeys.SECRET_BINDING.check(body, loader.warnings());
            String asEnv = body.string("asEnv");
            Boolean required = body.bool("required");
            result.put(key, new SecretBinding(key, asEnv == null || asEnv.isBlank() ? key : asEnv,
                    required != null && required, node.file(), node.line()));
        });
        return result;
    }
}
