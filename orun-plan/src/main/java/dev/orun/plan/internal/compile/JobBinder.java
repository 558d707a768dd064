package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.JobId;
import dev.orun.core.plan.Step;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.Composition;
import dev.orun.plan.internal.model.JobDef;
import dev.orun.plan.internal.model.ProfileDef;
import dev.orun.plan.internal.model.ProfileDef.ProfileJob;
import dev.orun.plan.internal.model.StepDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a matrix instance into jobs: the composition's default job when it has no profiles,
 * otherwise one job per entry of the selected profile (subscription {@code profile}, else the
 * composition's {@code defaultProfile}), each with its selected and rendered steps.
 */
final class JobBinder {

    private final StepRenderer renderer;
    private final dev.orun.plan.internal.model.Intent.SecretScope secretScope;

    private final List<String> firedBindings;

    JobBinder(java.nio.file.Path workspaceRoot, dev.orun.plan.internal.model.Intent.SecretScope secretScope,
              List<String> firedBindings) {
        this.renderer = new StepRenderer(workspaceRoot);
        this.secretScope = secretScope;
        this.firedBindings = List.copyOf(firedBindings);
    }

    List<JobDraft> bind(Instance instance) {
        Composition composition = instance.composition();
        ComponentDecl component = instance.component();
        if (!composition.hasProfiles()) {
            JobDef job = composition.jobs().get(composition.defaultJob());
            return List.of(draft(instance, job, null, null, instance.secretRefs()));
        }
        ProfileDef profile = profile(instance);
        List<JobDraft> drafts = new ArrayList<>();
        List<dev.orun.core.plan.Job.SecretRef> secretRefs = SecretBindings.apply(instance.secretRefs(), profile,
                secretScope, instance.environment().name(), component.name());
        profile.jobs().forEach((jobName, profileJob) ->
                drafts.add(draft(instance, composition.jobs().get(jobName), profile.name(), profileJob, secretRefs)));
        return drafts;
    }

    private ProfileDef profile(Instance instance) {
        Composition composition = instance.composition();
        ComponentDecl component = instance.component();
        // first hit wins (go-orun-plan.md §3.5): a profile rule whose trigger fired, the subscription's
        // profile, the composition's default
        String raw = instance.subscription() == null ? null
                : ComponentDecl.Subscription.firstFired(instance.subscription().profileRules(), firedBindings)
                        .map(dev.orun.plan.internal.model.TriggerRule::value).orElse(null);
        if (raw == null) {
            raw = instance.subscription() != null && instance.subscription().profile() != null
                    ? instance.subscription().profile() : composition.defaultProfile();
        }
        int line = instance.subscription() != null ? instance.subscription().line() : component.line();
        if (raw == null) {
            throw InvalidInputException.at(component.file(), line, "component " + component.name() + " in "
                    + instance.environment().name() + ": composition " + composition.type()
                    + " has profiles but no defaultProfile, and the subscription names none");
        }
        String name = raw;
        int dot = raw.indexOf('.');
        if (dot >= 0) {
            if (!raw.substring(0, dot).equals(composition.type())) {
                throw InvalidInputException.at(component.file(), line, "profile \"" + raw
                        + "\" does not belong to composition " + composition.type());
            }
            name = raw.substring(dot + 1);
        }
        ProfileDef profile = composition.profiles().get(name);
        if (profile == null) {
            throw InvalidInputException.at(component.file(), line, "profile \"" + name
                    + "\" not found in composition " + composition.type() + " (profiles: "
                    + String.join(", ", composition.profiles().keySet()) + ")");
        }
        return profile;
    }

    private JobDraft draft(Instance instance, JobDef job, String profileName, ProfileJob profileJob,
                           List<dev.orun.core.plan.Job.SecretRef> secretRefs) {
        ComponentDecl component = instance.component();
        String id = JobId.of(component.name(), instance.environment().name(), job.name()).toString();
        Map<String, Object> data = data(instance, id, job.name(), profileName);
        List<StepDef> defs = StepSelector.select(job, profileJob, component.overrideSteps());
        List<String> stepIds = StepIds.assign(defs);
        List<Step> steps = new ArrayList<>(defs.size());
        for (int i = 0; i < defs.size(); i++) {
            steps.add(renderer.render(defs.get(i), stepIds.get(i), data, component.name(), id));
        }
        return new JobDraft(id, instance, job.name(), profileName == null ? null
                : instance.composition().type() + "." + profileName,
                job.runsOn(), job.timeout(), job.retries(), steps, secretRefs);
    }

    private static Map<String, Object> data(Instance instance, String jobId, String jobName, String profile) {
        ComponentDecl component = instance.component();
        Map<String, Object> orun = new HashMap<>();
        orun.put("component", Map.of("name", component.name(), "type", component.type(),
                "domain", component.domain() == null ? "" : component.domain()));
        orun.put("environment", Map.of("name", instance.environment().name()));
        orun.put("composition", Map.of("type", component.type()));
        orun.put("profile", Map.of("name", profile == null ? "" : profile));
        orun.put("job", Map.of("id", jobId, "name", jobName));
        Map<String, Object> data = new HashMap<>();
        data.put("orun", orun);
        data.put("parameters", instance.parameters());
        data.put("env", instance.env());
        return data;
    }
}
