package dev.orun.plan.template;

import static dev.orun.plan.template.TemplateFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Printed values look like Go's fmt %v output. */
class GoTemplateFormattingTest {

  private static String print(Object value) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("v", value);
    return render("{{.v}}", data);
  }

  private static Map<String, Object> nullData() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("v", null);
    return data;
  }

  @Test
  void integersOfEveryJavaType() {
    assertThat(print(3)).isEqualTo("3");
    assertThat(print(-3L)).isEqualTo("-3");
    assertThat(print(new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
  }

  @Test
  void floatsInShortestForm() {
    assertThat(print(1.5)).isEqualTo("1.5");
    assertThat(print(2.0)).isEqualTo("2");
    assertThat(print(0.1)).isEqualTo("0.1");
    assertThat(print(-0.25)).isEqualTo("-0.25");
    assertThat(print(123456.0)).isEqualTo("123456");
    assertThat(print(1234567.0)).isEqualTo("1.234567e+06");
    assertThat(print(1e6)).isEqualTo("1e+06");
    assertThat(print(0.0001)).isEqualTo("0.0001");
    assertThat(print(0.00001)).isEqualTo("1e-05");
    assertThat(print(1e21)).isEqualTo("1e+21");
    assertThat(print(1.5f)).isEqualTo("1.5");
    assertThat(print(new BigDecimal("2.50"))).isEqualTo("2.5");
    assertThat(print(Double.NaN)).isEqualTo("NaN");
    assertThat(print(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }

  @Test
  void booleansAndNil() {
    assertThat(print(true)).isEqualTo("true");
    assertThat(print(false)).isEqualTo("false");
    // Go's template printer shows a nil value as "<no value>"; fmt (print, nested values) as "<nil>".
    assertThat(print(null)).isEqualTo("<no value>");
    assertThat(render("{{print .v}}", nullData())).isEqualTo("<nil>");
  }

  @Test
  void mapsWithSortedKeys() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 2);
    map.put("a", 1.5);
    map.put("c", Map.of("z", true));
    assertThat(print(map)).isEqualTo("map[a:1.5 b:2 c:map[z:true]]");
    assertThat(print(Map.of())).isEqualTo("map[]");
  }

  @Test
  void listsAndArrays() {
    assertThat(print(List.of("a", "b"))).isEqualTo("[a b]");
    assertThat(print(List.of(1, List.of(2, 3), Map.of("k", "v")))).isEqualTo("[1 [2 3] map[k:v]]");
    assertThat(print(Arrays.asList("x", null))).isEqualTo("[x <nil>]");
    assertThat(print(new Object[] {"p", 1})).isEqualTo("[p 1]");
    assertThat(print(List.of())).isEqualTo("[]");
  }

  @Test
  void printfFloatVerbs() {
    assertThat(render("{{printf \"%f|%.1f|%e|%g|%8.3f\" 1.5 2.25 1234.5678 0.000012 3.14159}}"))
        .isEqualTo("1.500000|2.2|1.234568e+03|1.2e-05|   3.142");
  }

  @Test
  void printfQuotesLikeGo() {
    assertThat(render("{{printf \"%q\" .s}}", Map.of("s", "a\"b\\c\nd\u0001é"))).isEqualTo("\"a\\\"b\\\\c\\nd\\x01é\"");
  }

  @Test
  void printfTypeAndValueVerbs() {
    assertThat(render("{{printf \"%T %T %T %T %T\" 1 1.5 \"s\" true .}}", Map.of()))
        .isEqualTo("int float64 string bool map[string]interface {}");
    assertThat(render("{{printf \"%+d %5d|%-4d|\" 3 42 7}}")).isEqualTo("+3    42|7   |");
    assertThat(render("{{printf \"%6.2v|%-6v|%06v|%.10g|%.3g\" 3.14159 \"ab\" 42 1234567.0 3.14159}}"))
        .isEqualTo("   3.1|ab    |000042|1234567|3.14");
    assertThat(render("{{printf \"%s\" .parameters.tags}}")).isEqualTo("[a b]");
  }
}
