package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YamlReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** YAML 1.2 rules the loader relies on. */
class YamlReaderTest {

    private static YMap parse(String text) {
        return (YMap) YamlReader.parse(text, Path.of("f.yaml"));
    }

    @Test
    void onYesAndNoAreStrings() {
        YMap map = parse("on: {push: yes}\nflag: no\nreal: true\nupper: TRUE\n");

        assertThat(map.toValue()).containsEntry("on", Map.of("push", "yes")).containsEntry("flag", "no")
                .containsEntry("real", true).containsEntry("upper", true);
    }

    @Test
    void stringFieldsKeepTheSourceTextWhileAnyFieldsAreTyped() {
        YMap map = parse("env: {PORT: 8080, V: 1.0, X: yes, N: ~}\nparams: {port: 8080, v: 1.0, s: 1.9.8, q: \"20\", n: ~}\n");

        assertThat(map.stringMap("env")).containsEntry("PORT", "8080").containsEntry("V", "1.0")
                .containsEntry("X", "yes").containsEntry("N", "");
        assertThat(map.anyMap("params")).containsEntry("port", 8080L).containsEntry("v", 1.0)
                .containsEntry("s", "1.9.8").containsEntry("q", "20").containsEntry("n", null);
    }

    @Test
    void duplicateKeysAreErrorsWithTheLine() {
        assertThatThrownBy(() -> parse("a: 1\nb:\n  c: 1\n  c: 2\n"))
                .isInstanceOf(InvalidInputException.class).hasMessage("f.yaml:4: duplicate key \"c\"");
    }

    @Test
    void onlyTheFirstDocumentIsRead() {
        assertThat(parse("a: 1\n---\nb: 2\n").toValue()).containsOnlyKeys("a");
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        assertThatThrownBy(() -> parse("a: 1\nb: [1, 2\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("f.yaml:3: invalid YAML:");
    }

    @Test
    void wrongShapesAreErrorsAtTheValue() {
        assertThatThrownBy(() -> parse("a: 1\nenv: [x]\n").stringMap("env"))
                .hasMessage("f.yaml:2: \"env\" must be a mapping, not a list");
    }
}
