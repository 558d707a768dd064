package dev.orun.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A claim token is a value: equal exactly when job and epoch are, usable as a map key. */
class ClaimTokenTest {

    @Test
    void tokensOfTheSameJobAndEpochAreEqualAndHashAlike() {
        ClaimToken token = new ClaimToken("api@dev.build", 3);
        ClaimToken same = new ClaimToken(new String("api@dev.build"), 3);

        assertThat(token).isEqualTo(same);
        assertThat(token.hashCode()).isEqualTo(same.hashCode());
        assertThat(Set.of(token)).contains(same);
    }

    @Test
    void aTokenFromAnotherEpochOrJobIsADifferentToken() {
        ClaimToken token = new ClaimToken("api@dev.build", 3);

        assertThat(token)
                .isNotEqualTo(new ClaimToken("api@dev.build", 4))
                .isNotEqualTo(new ClaimToken("web@dev.build", 3))
                .isNotEqualTo("api@dev.build#3")
                .isNotEqualTo(null);
        Set<ClaimToken> set = new HashSet<>();
        set.add(token);
        set.add(new ClaimToken("api@dev.build", 4));
        set.add(new ClaimToken("api@dev.build", 3));
        assertThat(set).hasSize(2);
    }

    @Test
    void rendersAsJobAndEpoch() {
        assertThat(new ClaimToken("api@dev.build", 2)).hasToString("api@dev.build#2");
    }

    @Test
    void epochsStartAtOne() {
        assertThatThrownBy(() -> new ClaimToken("api@dev.build", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start at 1");
    }
}
