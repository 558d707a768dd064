package dev.orun.plan.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Job.SecretRef;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 1: an execution profile's {@code secretBindings} land in the job's
 * {@code secretRefs} as the Go planner maps them (go-orun-plan.md §4.7 "Job fields come from":
 * {@code secret://<workspace>/project:<project>/env:<env>/<KEY>}, required-but-unmappable → error;
 * the Go planner's mergeBindingRefs: asEnv defaults to the key, a binding may repeat but not
 * contradict a secretEnv reference, an unmappable optional binding is dropped).
 */
class ProfileSecretBindingsTest {

    @TempDir
    Path dir;

    private GoWorkspace profiled(String... bindingLines) {
        String[] head = {
            "apiVersion: sourceplane.io/v1alpha1",
            "kind: Composition",
            "metadata: {name: tf}",
            "spec:",
            "  type: tf",
            "  defaultProfile: release",
            "  parameterSchema: {type: object}",
            "  jobs:",
            "    - name: deploy",
            "      steps: [{name: apply, run: echo apply}]",
            "  executionProfiles:",
            "    release:",
            "      jobs: {deploy: {stepsEnabled: [apply]}}",
            "      secretBindings:",
        };
        String[] all = new String[head.length + bindingLines.length];
        System.arraycopy(head, 0, all, 0, head.length);
        for (int i = 0; i < bindingLines.length; i++) {
            all[head.length + i] = "        " + bindingLines[i];
        }
        return GoWorkspace.empty(dir)
                .file("stack/stack.yaml", "apiVersion: orun.io/v1", "kind: Stack", "metadata: {name: s}")
                .file("stack/tf/compositions.yaml", all);
    }

    @Test
    void bindingsMapToTheProjectAndEnvironmentScopeUnderAsEnvWhichDefaultsToTheKey() {
        GoWorkspace ws = profiled("AWS_ROLE_ARN: {required: true}", "TF_API_TOKEN: {asEnv: TERRAFORM_TOKEN}")
                .intent("execution: {state: {workspace: acme, project: api}}",
                        "environments: {prod: {}}",
                        "components:",
                        "  - name: infra",
                        "    type: tf",
                        "    subscribe: {environments: [prod]}",
                        "    secretEnv: {AWS_ROLE_ARN: \"secret://acme/project:api/env:prod/AWS_ROLE_ARN\"}",
                        "    optionalSecretEnv: {SLACK: \"secret://acme/slack\"}");

        Job infra = ws.job("infra@prod.deploy");

        assertThat(infra.profile()).isEqualTo("tf.release");
        assertThat(infra.secretRefs()).containsExactly(
                new SecretRef("AWS_ROLE_ARN", "secret://acme/project:api/env:prod/AWS_ROLE_ARN", false),
                new SecretRef("SLACK", "secret://acme/slack", true),
                new SecretRef("TERRAFORM_TOKEN", "secret://acme/project:api/env:prod/TF_API_TOKEN", false));
        assertThat(ws.warnings()).noneMatch(w -> w.contains("secretBindings"));
    }

    @Test
    void withoutWorkspaceAndProjectARequiredBindingIsAnErrorAndAnOptionalOneIsDropped() {
        GoWorkspace required = profiled("AWS_ROLE_ARN: {required: true}")
                .intent("environments: {prod: {}}", "components:",
                        "  - {name: infra, type: tf, subscribe: {environments: [prod]}}");
        assertThat(required.error()).isEqualTo("stack/tf/compositions.yaml:15: component infra in prod:"
                + " secretBinding AWS_ROLE_ARN of profile release is required but cannot be mapped:"
                + " declare execution.state.workspace and project");

        GoWorkspace optional = profiled("SLACK_WEBHOOK: {}")
                .intent("execution: {state: {workspace: acme}}", "environments: {prod: {}}", "components:",
                        "  - {name: infra, type: tf, subscribe: {environments: [prod]}}");
        assertThat(optional.job("infra@prod.deploy").secretRefs()).isEmpty();
    }

    @Test
    void aBindingContradictingSecretEnvIsAnError() {
        GoWorkspace ws = profiled("DATABASE_URL: {required: true}")
                .intent("execution: {state: {workspace: acme, project: api}}", "environments: {prod: {}}",
                        "components:",
                        "  - name: infra",
                        "    type: tf",
                        "    subscribe: {environments: [prod]}",
                        "    secretEnv: {DATABASE_URL: \"secret://acme/project:api/env:prod/OTHER_KEY\"}");

        assertThat(ws.error()).contains("secretBinding DATABASE_URL and secretEnv both bind DATABASE_URL"
                + " to different references");
    }
}
