package dev.orun.plan.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, item 12 — go-orun-plan.md §5.1 (PlanJob uid, displayName, checkName) and §5.4 (job identity). */
class PlanFieldsTest {

    @TempDir
    Path dir;

    @Test
    void everyJobCarriesTheGoPlannersCiIdentity() throws Exception {
        GoWorkspace ws = GoWorkspace.withShellSteps(dir, "- name: show", "  run: echo hi")
                .file("stack/shell/compositions.yaml",
                        "apiVersion: sourceplane.io/v1alpha1", "kind: Composition", "metadata: {name: shell}",
                        "spec:", "  type: shell", "  defaultJob: verify-deploy", "  parameterSchema: {type: object}",
                        "  jobs:", "    - name: verify-deploy", "      steps: [{name: show, run: echo hi}]")
                .intent("environments: {prod: {selectors: {components: [\"*\"]}}}",
                        "components:", "  - {name: api-edge, type: shell}");

        Plan plan = ws.compile().plan();
        Job job = plan.job("api-edge@prod.verify-deploy").orElseThrow();

        Plan withoutIdentity = Plan.of(plan.metadata().withChecksum(null), plan.execution(),
                plan.jobs().stream().map(j -> j.withIdentity(null, null, null)).toList());
        String c64 = PlanJson.checksum(withoutIdentity).substring("sha256-".length());
        String expectedUid = "job_" + c64.substring(0, 7) + "_" + HexFormat.of().formatHex(MessageDigest
                .getInstance("SHA-256").digest((c64 + "\0" + job.id()).getBytes(StandardCharsets.UTF_8))).substring(0, 12);

        assertThat(job.displayName()).isEqualTo("Verify deploy");
        assertThat(job.checkName()).isEqualTo("api-edge · prod · Verify deploy");
        assertThat(job.uid()).matches("job_[0-9a-f]{7}_[0-9a-f]{12}").isEqualTo(expectedUid);
        assertThat(ws.compile().plan().job(job.id()).orElseThrow().uid()).as("stable across compiles").isEqualTo(job.uid());
    }

    /**
     * go-orun-plan.md §1.1 ({@code metadata.namespace} is copied to the plan) and §5.1
     * ({@code metadata.trigger}: binding, provider data, matched bindings, active environments,
     * scope). A plan compiled without a trigger has no trigger block (README "Coming from the Go orun").
     */
    @Test
    void theNamespaceAndTheTriggerThatChoseTheEnvironmentsAreInTheMetadata() throws Exception {
        GoWorkspace ws = GoWorkspace.withShellSteps(dir, "- name: show", "  run: echo hi").intent(
                "automation:",
                "  triggerBindings:",
                "    push-main: {on: {provider: github, event: push, branches: [main]}}",
                "environments:",
                "  staging: {selectors: {components: [\"*\"]}, activation: {triggerRefs: [push-main]}}",
                "  qa: {selectors: {components: [\"*\"]}}",
                "components:", "  - {name: api, type: shell}");
        ws.file("intent.yaml", java.nio.file.Files.readString(dir.resolve("intent.yaml"))
                .replace("metadata: {name: go-compat}", "metadata: {name: go-compat, namespace: payments}"));
        Path push = java.nio.file.Files.writeString(dir.resolveSibling(dir.getFileName() + "-push.json"),
                "{\"ref\":\"refs/heads/main\",\"before\":\"1111\",\"after\":\"2222\"}");

        Plan plain = ws.compile().plan();
        Plan triggered = ws.compile(dev.orun.plan.PlanRequest.full().withTrigger(
                dev.orun.plan.TriggerRequest.fromCi("github", push, "push"))).plan();

        assertThat(plain.metadata().namespace()).isEqualTo("payments");
        assertThat(plain.metadata().trigger()).isNull();
        assertThat(triggered.metadata().trigger()).isEqualTo(new dev.orun.core.plan.PlanTrigger("declared",
                "push-main", "github", "push", null, java.util.List.of("push-main"), java.util.List.of("staging"),
                "full", "1111", "2222"));
        assertThat(PlanJson.toJson(triggered)).contains("\"namespace\": \"payments\"")
                .contains("\"trigger\": {\n      \"type\": \"declared\",\n      \"name\": \"push-main\"")
                .doesNotContain("\"action\"");
    }
}
