package dev.orun.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void equalWordsAreZeroEditsApart() {
        assertThat(EditDistance.between("run", "run")).isZero();
    }

    @Test
    void aSwapOfNeighbouringLettersIsOneEdit() {
        assertThat(EditDistance.between("rnu", "run")).isEqualTo(1);
        assertThat(EditDistance.between("paht", "path")).isEqualTo(1);
    }

    @Test
    void insertionsDeletionsAndSubstitutionsCountOneEach() {
        assertThat(EditDistance.between("enviroments", "environments")).isEqualTo(1);
        assertThat(EditDistance.between("plans", "plan")).isEqualTo(1);
        assertThat(EditDistance.between("colour", "color")).isEqualTo(1);
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void emptyWordIsAsFarAsTheOthersLength() {
        assertThat(EditDistance.between("", "status")).isEqualTo(6);
    }

    @Test
    void caseCounts() {
        assertThat(EditDistance.between("Run", "run")).isEqualTo(1);
    }
}
