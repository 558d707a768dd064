package dev.orun.plan.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeFieldsTest {

    @TempDir
    Path root;

    private static final List<String> MANIFESTS = List.of("services/api/component.yaml",
            "services/api/plugins/auth/component.yaml", "services/web/component.yaml");

    @Test
    void watchesAndInputEdgesAreReadFromManifestsAndInlineComponents() {
        Fixture.copyTree(Fixture.resource("changes/monorepo"), root);
        GitRepo.at(root).write("services/api/plugins/auth/component.yaml", """
                apiVersion: sourceplane.io/v1
                kind: Component
                metadata: {name: auth}
                spec:
                  type: shell
                  dependsOn:
                    - {component: api, input: true}
                    - {component: db}
                """);

        ChangeFields fields = ChangeFields.read(root, "intent.yaml", MANIFESTS);

        assertThat(fields.watches("web")).containsExactly("env");
        assertThat(fields.watches("api")).isEmpty();
        assertThat(fields.input("auth", "api")).isTrue();
        assertThat(fields.input("auth", "db")).isFalse();
        assertThat(fields.input("api", "db")).isFalse();
    }

    @Test
    void anUnknownWatchedSectionIsAnErrorWithFileAndLine() {
        Fixture.copyTree(Fixture.resource("changes/monorepo"), root);
        GitRepo.at(root).write("services/web/component.yaml", """
                apiVersion: sourceplane.io/v1
                kind: Component
                metadata: {name: web}
                spec:
                  type: node
                  change:
                    watches:
                      - env
                      - secrets
                """);

        assertThatThrownBy(() -> ChangeFields.read(root, "intent.yaml", MANIFESTS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("services/web/component.yaml:9: component \"web\": change.watches: unknown section "
                        + "\"secrets\" (expected one of automation, compositions, discovery, env, environments, execution, groups)");
    }
}
