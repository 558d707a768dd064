package dev.orun.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void windowTitleScreenClearingCursorAndColourSequencesAreRemoved() {
        assertThat(SafeText.of("\u001b]0;pwned\u0007title")).isEqualTo("title");
        assertThat(SafeText.of("\u001b]2;pwned\u001b\\st-terminated")).isEqualTo("st-terminated");
        assertThat(SafeText.of("a\u001b[2Jb\u001b[Hc\u001b[1;31mred\u001b[0m")).isEqualTo("abcred");
        assertThat(SafeText.of("\u001bPdevice control\u001b\\done")).isEqualTo("done");
        assertThat(SafeText.of("reset\u001bc")).isEqualTo("reset");
        assertThat(SafeText.of("cut \u001b]0;never terminated")).isEqualTo("cut ");
    }

    @Test
    void otherControlCharactersAreShownNotObeyedAndTextIsKept() {
        assertThat(SafeText.of("bell\u0007 back\bspace\rcr")).isEqualTo("bell^G back^Hspace^Mcr");
        assertThat(SafeText.of("8-bit csi \u009b2J")).isEqualTo("8-bit csi ");
        assertThat(SafeText.of("tab\tand ünïcödé ✓")).isEqualTo("tab\tand ünïcödé ✓");
    }
}
