package dev.orun.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void anInteractiveTerminalGetsColourAndTheLiveView() {
        Terminal terminal = Terminal.detect(Map.of("TERM", "xterm-256color"), true);

        assertThat(terminal.colour()).isTrue();
        assertThat(terminal.live()).isTrue();
        assertThat(terminal.green("ok")).isEqualTo("\u001b[32mok\u001b[0m");
    }

    @Test
    void noColorRemovesEveryColourButKeepsTheLiveView() {
        Terminal terminal = Terminal.detect(Map.of("TERM", "xterm", "NO_COLOR", ""), true);

        assertThat(terminal.colour()).isFalse();
        assertThat(terminal.live()).isTrue();
        assertThat(terminal.red("x") + terminal.bold("y")).isEqualTo("xy");
    }

    @Test
    void ciDumbTerminalsAndPipesGetPlainLines() {
        assertThat(Terminal.detect(Map.of("TERM", "xterm", "CI", "true"), true).live()).isFalse();
        assertThat(Terminal.detect(Map.of("TERM", "xterm", "CI", "false"), true).live()).isTrue();
        assertThat(Terminal.detect(Map.of("TERM", "dumb"), true)).isEqualTo(Terminal.plain());
        assertThat(Terminal.detect(Map.of("TERM", "xterm"), false)).isEqualTo(Terminal.plain());
    }
}
