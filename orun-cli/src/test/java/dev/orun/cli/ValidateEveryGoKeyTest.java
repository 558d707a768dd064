package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: "anything else the loader does not understand must be a warning naming file and line
 * (or an error under --strict), never silence". The workspace uses every key the Go planner's field
 * reference lists (go-orun-plan.md §1.1–1.4, §2.2, §3.3 step fields, §3.3 ExecutionProfile) plus a
 * typo; validation succeeds and warns exactly about what this orun does not implement, each with
 * file:line, and {@code --strict} refuses it with exit 2.
 */
class ValidateEveryGoKeyTest {

    @TempDir
    Path dir;

    private static final String[] EXPECTED = {
        "intent.yaml:6: warning: unknown key \"workflowEngine\" in execution is ignored",
        "intent.yaml:42: warning: unknown key \"colour\" in a subscription is ignored",
        "stack/tf/compositions.yaml:25: warning: \"materialize\" in an execution profile is not supported by this orun"
                + " and is ignored",
    };

    @Test
    void everyKeyOfTheGoFormatIsUnderstoodOrWarnedAboutWithFileAndLine() throws IOException {
        writeWorkspace();

        Cli cli = Cli.run("validate", "-i", dir.resolve("intent.yaml").toString());
        Cli strict = Cli.run("validate", "--strict", "-i", dir.resolve("intent.yaml").toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err().lines().filter(line -> line.contains("warning:")).map(ValidateEveryGoKeyTest::withoutHint))
                .containsExactlyInAnyOrder(EXPECTED);
        assertThat(strict.exitCode()).isEqualTo(2);
        assertThat(strict.out()).isEmpty();
    }

    /**
     * {@code connections}, {@code resume} and {@code approval} belong to {@code workflow:} steps
     * (go-orun-plan.md §3.3 step fields); on a {@code run:} step they mean nothing, so they are
     * warned about with file:line instead of vanishing.
     */
    @Test
    void workflowOnlyKeysOnARunStepAreWarnedAboutWithFileAndLine() throws IOException {
        writeWorkspace();
        Path composition = dir.resolve("stack/tf/compositions.yaml");
        Files.writeString(composition, Files.readString(composition).replace("workflow: flows/notify.yaml,",
                "run: echo notify,"));

        Cli cli = Cli.run("validate", "-i", dir.resolve("intent.yaml").toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err().lines().filter(line -> line.contains("only applies to a \"workflow\" step")))
                .containsExactly(
                        "stack/tf/compositions.yaml:16: warning: \"connections\" only applies to a \"workflow\" step; ignored on this step",
                        "stack/tf/compositions.yaml:17: warning: \"resume\" only applies to a \"workflow\" step; ignored on this step",
                        "stack/tf/compositions.yaml:18: warning: \"approval\" only applies to a \"workflow\" step; ignored on this step");
    }

    /** The warning up to "is ignored" (a "did you mean" hint may follow). */
    private static String withoutHint(String line) {
        int cut = line.indexOf("is ignored");
        return cut < 0 ? line : line.substring(0, cut + "is ignored".length());
    }

    private void writeWorkspace() throws IOException {
        write("intent.yaml", """
                apiVersion: sourceplane.io/v1
                kind: Intent
                metadata: {name: every-key, description: all of them, namespace: payments}
                execution:
                  concurrency: 2
                  workflowEngine: torkflow
                  failFast: false
                  state: {mode: local, backendUrl: "http://127.0.0.1:1", workspace: acme, org: o, project: shop,
                          requireOrg: false, autopushCatalog: false}
                env: {REGION: eu}
                secretEnv: {TOKEN: "secret://acme/token"}
                compositions:
                  sources: [{name: local, kind: dir, path: ./stack}]
                  resolution: {precedence: [local], bindings: {tf: local}}
                discovery: {roots: [services]}
                catalog: {discovery: {exclude: [vendor]}}
                repo: {url: "https://example.invalid/r"}
                groups:
                  payments: {parameterDefaults: {"*": {tier: gold}}, policies: {x: 1}, path: ignored}
                automation:
                  triggerBindings:
                    pr:
                      description: PR validation
                      on: {provider: github, event: pull_request, actions: [opened], branches: ["*"], baseBranches: [main], tags: []}
                      plan: {scope: changed, base: pull_request.base.sha, head: pull_request.head.sha}
                environments:
                  dev:
                    description: development
                    selectors: {components: ["*"], domains: [payments]}
                    parameterDefaults: {tf: {size: s}}
                    env: {STAGE: dev}
                    secretEnv: {DB: "secret://acme/db"}
                    policies: {requireApproval: false}
                    activation: {triggerRefs: [pr]}
                    dependencyMode: advisory
                    path: unused
                  prod:
                    promotion: {dependsOn: [{environment: dev, strategy: same-component, condition: success, satisfy: same-plan-or-previous-success, match: {revision: source}}]}
                components:
                  - name: ledger
                    type: tf
                    subscribe: {environments: [{name: dev, colour: blue}]}
                """);
        write("stack/stack.yaml", "apiVersion: orun.io/v1\nkind: Stack\nmetadata: {name: s, version: 1.0.0}\n");
        write("stack/tf/compositions.yaml", """
                apiVersion: sourceplane.io/v1alpha1
                kind: Composition
                metadata: {name: tf}
                spec:
                  type: tf
                  description: terraform
                  defaultProfile: apply
                  parameterSchema: {type: object}
                  jobs:
                    - name: apply
                      runsOn: ubuntu-latest
                      steps:
                        - {id: plan, name: plan, capability: plan, phase: main, order: 1, run: echo plan, shell: bash,
                           with: {a: 1}, env: {N: 2}, working-directory: ., timeout: 5m, retry: 1, onFailure: stop}
                        - {name: notify, workflow: flows/notify.yaml,
                           connections: {chat: "secret://acme/chat"},
                           resume: true,
                           approval: {prompt: ok?, timeout: 1h, onTimeout: fail}}
                  executionProfiles:
                    apply:
                      description: apply it
                      policies: {requireCleanGitTree: true}
                      jobs: {apply: {stepsEnabled: [plan, notify], stepOverrides: {plan: {run: echo planned}}}}
                      secretBindings: {AWS_ROLE_ARN: {required: true, asEnv: ROLE}}
                      materialize: {target: env}
                """);
        write("flows/notify.yaml", "kind: Workflow\nname: notify\n");
        write("services/api/component.yaml", """
                apiVersion: sourceplane.io/v1
                kind: Component
                metadata: {name: api, labels: {team: pay}}
                spec:
                  type: tf
                  domain: payments
                  path: services/api
                  description: the api
                  subscribe:
                    environments:
                      - name: dev
                        profile: tf.apply
                        profileRules: [{profile: apply, when: {triggerRef: pr}}]
                        parameters: {size: m}
                        env: {SUB: "1"}
                        secretEnv: {SUBSECRET: "secret://acme/sub"}
                        dependencyMode: enforced
                        dependencyRules: [{mode: advisory, when: {triggerRef: pr}}]
                      - prod
                  parameters: {size: l}
                  env: {COMP: "1"}
                  secretEnv: {API_KEY: "secret://acme/api-key"}
                  optionalSecretEnv: {SENTRY: "secret://acme/sentry"}
                  dependsOn: [{component: ledger, environment: dev, scope: same-environment, condition: success, include: if-selected}]
                  labels: {tier: one}
                  overrides: {steps: [{name: extra, run: echo extra}]}
                  change: {watches: [env]}
                  system: s
                  owner: o
                  lifecycle: production
                  links: []
                  docs: []
                """);
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
