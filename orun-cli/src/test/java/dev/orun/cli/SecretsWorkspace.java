package dev.orun.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workspace the secrets tests run: one component {@code api} whose job checks
 * {@code $DB_PASSWORD} against a file outside the plan (never printing it, and touching
 * {@code ran.txt} when it matches), then prints it plainly and base64-encoded, and the optional
 * {@code $OPT_TOKEN} or {@code absent}.
 */
final class SecretsWorkspace {

    private SecretsWorkspace() {
    }

    /** Writes the workspace into {@code root}; {@code expected} is the value the check compares with. */
    static void write(Path root, String expected) throws IOException {
        Path expectedFile = root.resolve("expected.txt");
        Files.writeString(expectedFile, expected);
        write(root, "intent.yaml", """
                apiVersion: sourceplane.io/v1
                kind: Intent
                metadata: {name: shop}
                compositions:
                  sources: [{name: local, kind: dir, path: ./stack}]
                discovery: {roots: [services]}
                environments:
                  dev: {}
                """);
        write(root, "stack/stack.yaml", "apiVersion: orun.io/v1\nkind: Stack\nmetadata: {name: test, version: 0.1.0}\n");
        write(root, "stack/compositions/shell/compositions.yaml", """
                apiVersion: sourceplane.io/v1alpha1
                kind: Composition
                metadata: {name: shell}
                spec:
                  type: shell
                  defaultJob: build
                  parameterSchema: {type: object}
                  jobs:
                    - name: build
                      steps:
                        - name: check
                          run: 'test "$DB_PASSWORD" = "$(cat %s)" && echo secret-received && touch %s'
                        - name: print
                          run: 'echo "password=$DB_PASSWORD"; printf "encoded=%%s\\n" "$(printf %%s "$DB_PASSWORD" | base64)"; echo "optional=${OPT_TOKEN:-absent}"'
                """.formatted(expectedFile, root.resolve("ran.txt")));
        write(root, "services/api/component.yaml", """
                apiVersion: sourceplane.io/v1
                kind: Component
                metadata: {name: api}
                spec:
                  type: shell
                  subscribe: {environments: [dev]}
                  secretEnv:
                    DB_PASSWORD: secret://acme/project:shop/env:{{.environment}}/db-password
                  optionalSecretEnv:
                    OPT_TOKEN: secret://acme/project:shop/env:{{.environment}}/opt-token
                """);
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
