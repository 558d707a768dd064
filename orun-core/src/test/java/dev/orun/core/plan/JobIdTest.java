package dev.orun.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class JobIdTest {

    @Test
    void formatsAndParsesComponentAtEnvironmentDotJob() {
        JobId id = JobId.parse("network-foundation@development.validate-terraform");

        assertThat(id.component()).isEqualTo("network-foundation");
        assertThat(id.environment()).isEqualTo("development");
        assertThat(id.job()).isEqualTo("validate-terraform");
        assertThat(id).hasToString("network-foundation@development.validate-terraform");
    }

    @Test
    void jobNamesMayContainDotsBecauseEnvironmentsCannot() {
        JobId id = JobId.parse("api@prod.deploy.v2");

        assertThat(id.environment()).isEqualTo("prod");
        assertThat(id.job()).isEqualTo("deploy.v2");
    }

    @Test
    void rejectsMalformedIdsAndForbiddenCharacters() {
        assertThatThrownBy(() -> JobId.parse("api.prod.run")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<component>@<environment>.<job>");
        assertThatThrownBy(() -> JobId.parse("@prod.run")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> JobId.parse("api@prod.")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> JobId.of("a@b", "prod", "run")).hasMessageContaining("must not contain '@'");
        assertThat(JobId.environmentNameProblem("pro.d")).contains("must not contain '.'");
        assertThat(JobId.componentNameProblem("api")).isNull();
    }
}
