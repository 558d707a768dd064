package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code --json} document orun prints, produced by real runs and checked against the schema
 * published for it under docs/schemas/ (so the published schemas cannot drift from the output).
 */
class JsonSchemasTest {

    private static final Path SCHEMAS = Path.of("..", "docs", "schemas").toAbsolutePath().normalize();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix("https://orun.dev/schemas/",
                    SCHEMAS.toUri().toString())));

    @TempDir
    Path root;

    private String intent() {
        return new TestWorkspace(root)
                .component("db", "echo db")
                .component("api", "echo api; exit 4", "db")
                .component("web", "echo web", "api")
                .write().intent().toString();
    }

    @Test
    void runDocumentsMatchTheRunSchemaIncludingFailuresSkipsAndARunWithoutJobs() throws Exception {
        String intent = intent();

        Cli failed = Cli.run("run", "-i", intent, "--json", "--exec-id", "json-1");
        Cli empty = Cli.run("run", "-i", intent, "--json", "--changed", "--files", "intent.yaml,none.txt");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertValid("run", failed.out());
        assertThat(errors("run", failed.out().replace("\"skipped\"", "\"omitted\""))).isNotEmpty();
        assertThat(json(failed.out()).path("jobs").findValuesAsText("status")).contains("succeeded", "failed", "skipped");
        assertThat(empty.exitCode()).as(empty.err()).isZero();
        assertValid("run", empty.out());
        assertThat(json(empty.out()).path("jobs")).isEmpty();
        assertThat(json(empty.out()).path("execId").asText()).isNotBlank();
    }

    @Test
    void dryRunDocumentsMatchTheDryRunSchemaWithAndWithoutAPinnedExecId() throws Exception {
        String intent = intent();

        Cli pinned = Cli.run("run", "-i", intent, "--dry-run", "--json", "--exec-id", "dry-1");
        Cli generated = Cli.run("run", "-i", intent, "--dry-run", "--json");

        assertValid("run-dry-run", pinned.out());
        assertValid("run-dry-run", generated.out());
        assertThat(json(pinned.out()).path("execId").asText()).isEqualTo("dry-1");
        assertThat(json(generated.out()).path("execId").isNull()).isTrue();
    }

    @Test
    void statusDocumentsMatchTheStatusSchemasAndNameDurationsLikeRunDoes() throws Exception {
        String intent = intent();
        Cli.run("run", "-i", intent, "--exec-id", "s-1");
        Cli.run("run", "-i", intent, "--exec-id", "s-2", "--component", "db");

        Cli one = Cli.run("status", "-i", intent, "--json", "--exec-id", "s-1");
        Cli all = Cli.run("status", "-i", intent, "--all", "--json");

        assertValid("status", one.out());
        assertValid("status-list", all.out());
        assertThat(json(one.out()).path("metadata").has("durationMs")).isTrue();
        assertThat(errors("status", one.out().replace("\"durationMs\"", "\"durationMillis\"")))
                .as("the schema really checks field names").isNotEmpty();
        assertThat(json(all.out())).hasSize(2);
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    private static void assertValid(String schema, String document) throws Exception {
        assertThat(errors(schema, document)).as(schema + " schema, document:\n" + document).isEmpty();
    }

    private static Set<ValidationMessage> errors(String schema, String document) throws Exception {
        JsonSchema validator = FACTORY.getSchema(SCHEMAS.resolve(schema + ".schema.json").toUri());
        return validator.validate(json(document));
    }
}
