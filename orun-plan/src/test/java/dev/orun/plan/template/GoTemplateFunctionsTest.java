package dev.orun.plan.template;

import static dev.orun.plan.template.TemplateFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoTemplateFunctionsTest {

  @Test
  void eqComparesTheFirstArgumentWithEachOfTheOthers() {
    assertThat(render("{{eq .orun.environment.name \"dev\"}}")).isEqualTo("true");
    assertThat(render("{{eq .orun.environment.name \"prod\" \"dev\"}}")).isEqualTo("true");
    assertThat(render("{{eq .orun.environment.name \"prod\" \"staging\"}}")).isEqualTo("false");
    assertThat(render("{{eq .parameters.replicas 3}}")).isEqualTo("true");
    assertThat(render("{{eq .parameters.ratio 1.5}}")).isEqualTo("true");
    assertThat(render("{{eq .parameters.debug false}}")).isEqualTo("true");
    assertThat(render("{{eq .parameters.nothing nil}}")).isEqualTo("true");
    assertThat(render("{{eq .n 3}}", Map.of("n", 3L))).isEqualTo("true");
  }

  @Test
  void eqOfDifferentKindsIsAnErrorLikeGo() {
    assertThatThrownBy(() -> render("{{eq .parameters.replicas \"3\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("error calling eq: incompatible types for comparison");
  }

  @Test
  void neIsTheNegationOfEq() {
    assertThat(render("{{ne .orun.environment.name \"prod\"}}")).isEqualTo("true");
    assertThat(render("{{ne .parameters.replicas 3}}")).isEqualTo("false");
  }

  @Test
  void orderingComparesNumbersAndStrings() {
    assertThat(render("{{lt .parameters.replicas 5}} {{le 3 3}} {{gt 2.5 .parameters.ratio}} {{ge 1 2}}"))
        .isEqualTo("true true true false");
    assertThat(render("{{lt \"a\" \"b\"}} {{gt \"abc\" \"abd\"}}")).isEqualTo("true false");
    assertThatThrownBy(() -> render("{{lt true false}}"))
        .hasMessageContaining("error calling lt: invalid type for comparison");
    assertThatThrownBy(() -> render("{{lt 1 1.5}}"))
        .hasMessageContaining("incompatible types for comparison");
  }

  @Test
  void andOrReturnTheDecidingOperandLikeGo() {
    assertThat(render("{{and 1 \"x\" .parameters.region}}")).isEqualTo("eu-west-1");
    assertThat(render("{{and 1 0 \"x\"}}")).isEqualTo("0");
    assertThat(render("{{or .parameters.empty .parameters.region}}")).isEqualTo("eu-west-1");
    assertThat(render("{{or 0 \"\"}}")).isEqualTo("");
  }

  @Test
  void andOrShortCircuit() {
    // The second operand would fail (len of a number) if it were evaluated.
    assertThat(render("{{and false (len 3)}}")).isEqualTo("false");
    assertThat(render("{{or true (len 3)}}")).isEqualTo("true");
  }

  @Test
  void notNegatesTruthiness() {
    assertThat(render("{{not .parameters.debug}} {{not .parameters.region}} {{not \"\"}}"))
        .isEqualTo("true false true");
  }

  @Test
  void lenCountsStringBytesListsAndMaps() {
    assertThat(render("{{len .parameters.tags}} {{len .parameters.limits}} {{len .parameters.region}}"))
        .isEqualTo("2 2 9");
    assertThat(render("{{len \"é\"}}")).isEqualTo("2");
    assertThatThrownBy(() -> render("{{len 3}}")).hasMessageContaining("error calling len: len of type int");
  }

  @Test
  void indexLooksIntoMapsAndLists() {
    Map<String, Object> data = Map.of(
        "m", Map.of("my-key", "v", "nested", Map.of("k", List.of("x", "y"))));
    assertThat(render("{{index .m \"my-key\"}}", data)).isEqualTo("v");
    assertThat(render("{{index .m \"nested\" \"k\" 1}}", data)).isEqualTo("y");
    assertThat(render("{{index .parameters.tags 0}}")).isEqualTo("a");
    assertThatThrownBy(() -> render("{{index .parameters.tags 5}}"))
        .hasMessageContaining("error calling index: index out of range: 5");
  }

  @Test
  void printJoinsOperandsLikeGoSprint() {
    assertThat(render("{{print \"a\" \"b\"}}|{{print 1 2}}|{{print \"a\" 1 2 \"b\"}}"))
        .isEqualTo("ab|1 2|a1 2b");
    assertThat(render("{{println \"a\" 1}}")).isEqualTo("a 1\n");
  }

  @Test
  void printfSupportsTheCommonVerbs() {
    assertThat(render("{{printf \"%s-%d-%v-%q\" .parameters.region .parameters.replicas .parameters.ratio \"x\"}}"))
        .isEqualTo("eu-west-1-3-1.5-\"x\"");
    assertThat(render("{{printf \"%5s|%-5s|%03d|%.2f|%t|%x|%%\" \"ab\" \"cd\" 7 3.14159 true 255}}"))
        .isEqualTo("   ab|cd   |007|3.14|true|ff|%");
    assertThat(render("{{printf \"%v\" .parameters.tags}}")).isEqualTo("[a b]");
  }

  @Test
  void printfReportsMismatchesInlineLikeGo() {
    assertThat(render("{{printf \"%d\" \"x\"}}")).isEqualTo("%!d(string=x)");
    assertThat(render("{{printf \"%s %s\" \"x\"}}")).isEqualTo("x %!s(MISSING)");
    assertThat(render("{{printf \"%s\" \"x\" 1}}")).isEqualTo("x%!(EXTRA int=1)");
  }

  @Test
  void pipelinesPassTheValueAsTheLastArgument() {
    assertThat(render("{{.orun.environment.name | eq \"dev\"}}")).isEqualTo("true");
    assertThat(render("{{.parameters.region | printf \"%s-%s\" \"r\"}}")).isEqualTo("r-eu-west-1");
    assertThat(render("{{\"dev\" | eq .orun.environment.name | not}}")).isEqualTo("false");
    assertThat(render("{{if .parameters.tags | len | lt 1}}many{{end}}")).isEqualTo("many");
  }

  @Test
  void parenthesisedPipelinesAreOperands() {
    assertThat(render("{{if and (eq .orun.environment.name \"dev\") (not .parameters.debug)}}ok{{end}}"))
        .isEqualTo("ok");
    assertThat(render("{{printf \"%d items\" (len .parameters.tags)}}")).isEqualTo("2 items");
    assertThat(render("{{(index .parameters.limits \"cpu\")}}")).isEqualTo("2");
  }

  @Test
  void fieldsOfAParenthesisedPipeline() {
    assertThat(render("{{(.orun.component).name}}")).isEqualTo("api");
  }

  @Test
  void shellquoteMakesAnyValueOnePosixShellWord() {
    assertThat(render("echo {{ .s | shellquote }}", Map.of("s", "x\"; touch y; echo \""))).isEqualTo("echo 'x\"; touch y; echo \"'");
    assertThat(render("{{ shellquote .s }}", Map.of("s", "it's $(id) `id` \\n"))).isEqualTo("'it'\\''s $(id) `id` \\n'");
    assertThat(render("{{ .s | shellquote }}", Map.of("s", ""))).isEqualTo("''");
    assertThat(render("{{ .n | shellquote }}", Map.of("n", 3L))).isEqualTo("'3'");
  }

  @Test
  void shellquoteTakesExactlyOneValue() {
    assertThatThrownBy(() -> render("{{ shellquote \"a\" \"b\" }}")).isInstanceOf(TemplateException.class)
        .hasMessageContaining("shellquote");
  }
}
