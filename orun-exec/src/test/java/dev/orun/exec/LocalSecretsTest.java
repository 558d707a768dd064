package dev.orun.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Job.SecretRef;
import dev.orun.core.runner.Masker;
import dev.orun.exec.internal.secrets.SecretMasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a secret's value comes from and how it is hidden (docs/decisions/local-secrets.md). */
class LocalSecretsTest {

    private static final String DB = "secret://acme/project:shop/env:dev/db-password";

    @TempDir
    Path dir;

    @Test
    void theKeyIsTheLastSegmentUpperCasedWithOtherCharactersAsUnderscores() {
        assertThat(LocalSecrets.key(DB)).isEqualTo("DB_PASSWORD");
        assertThat(LocalSecrets.key("secret://API_TOKEN")).isEqualTo("API_TOKEN");
        assertThat(LocalSecrets.key("secret://ws/x/npm.token/?version=3")).isEqualTo("NPM_TOKEN");
    }

    @Test
    void whatIsFoundHereIsKeptAndWhatIsMissingIsOnlyReportedUntilRequired() {
        Job job = job(new SecretRef("DB_PASSWORD", DB, false), new SecretRef("API", "secret://x/api", false));

        LocalSecrets.Resolution found = new LocalSecrets(Map.of("ORUN_SECRET_API", "from-var"), null)
                .resolveAvailable(List.of(job));

        // a state server holding secrets is asked for the rest per job (docs/decisions/remote-secrets.md)
        assertThat(found.byJob()).containsExactly(Map.entry("api@dev.build", Map.of("API", "from-var")));
        assertThat(found.missing()).startsWith("missing secret DB_PASSWORD (" + DB + ") for api@dev.build");
        assertThatThrownBy(found::requireComplete).isInstanceOf(InvalidInputException.class)
                .hasMessage(found.missing());
        assertThat(found.toString()).doesNotContain("from-var");
    }

    @Test
    void theFilesWholeReferenceBeatsItsKeyWhichBeatsTheVariable() throws IOException {
        Job job = job(new SecretRef("DB_PASSWORD", DB, false), new SecretRef("API", "secret://x/api", false),
                new SecretRef("NPM", "secret://x/npm", false));
        Path file = dir.resolve("secrets");
        Files.writeString(file, DB + "=by-ref\nDB_PASSWORD=by-key\nAPI=file-key\n");

        Map<String, Map<String, String>> values = new LocalSecrets(Map.of("ORUN_SECRET_DB_PASSWORD", "var",
                "ORUN_SECRET_API", "var", "ORUN_SECRET_NPM", "from-var"), file).resolve(List.of(job));

        assertThat(values).containsExactly(Map.entry("api@dev.build",
                Map.of("DB_PASSWORD", "by-ref", "API", "file-key", "NPM", "from-var")));
    }

    @Test
    void optionalSecretsWithoutValueAreLeftOutRequiredOnesAreNamedTogether() {
        Job a = job(new SecretRef("DB_PASSWORD", DB, false), new SecretRef("OPT", "secret://x/opt", true));

        assertThat(new LocalSecrets(Map.of("ORUN_SECRET_DB_PASSWORD", "v4lue"), null).resolve(List.of(a)))
                .containsExactly(Map.entry("api@dev.build", Map.of("DB_PASSWORD", "v4lue")));
        assertThatThrownBy(() -> new LocalSecrets(Map.of(), null).resolve(List.of(a)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("missing secret DB_PASSWORD (" + DB + ") for api@dev.build (nothing ran):"
                        + " set ORUN_SECRET_DB_PASSWORD or pass --secrets-file");
    }

    @Test
    void aMissingFileIsBadInputNamingIt() {
        Path missing = dir.resolve("nope.env");
        assertThatThrownBy(() -> new LocalSecrets(Map.of(), missing))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void aValueIsMaskedWithItsEncodingsButShortValuesAreNot() {
        Masker masker = new Masker();
        SecretMasks.register(masker, "p@ss w\"rd");
        SecretMasks.register(masker, "abc");

        assertThat(masker.mask("a p@ss w\"rd b cEBzcyB3InJk c p%40ss+w%22rd d p@ss w\\\"rd abc"))
                .isEqualTo("a *** b *** c *** d *** abc");
    }

    private static Job job(SecretRef... refs) {
        return new Job("api@dev.build", "build", "api", "dev", null, "build", null, null, null, List.of(), null, 0,
                Map.of(), Map.of(), Map.of(), List.of(), List.of(), null, List.of(), List.of(refs), null, null,
                null);
    }
}
