package dev.orun.plan.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 14 — the Go text/template built-ins go-orun-plan.md §3.8 lists ("html/js/urlquery",
 * and the define/template/block actions, slice and call of package text/template). Expected
 * outputs are what Go's HTMLEscapeString, JSEscapeString, url.QueryEscape and the template
 * executor produce for the same input.
 */
class GoTemplateBuiltinsTest {

  private static final Map<String, Object> DATA = Map.of("s", "hello", "n", 3L, "li", List.of(1L, 2L, 3L),
      "p", Map.of("region", "eu"), "raw", "<a href=\"x\">&'");

  private static String render(String template) {
    return GoTemplate.parse(template).render(DATA);
  }

  @Test
  void htmlEscapesLikeHtmlEscapeString() {
    assertThat(render("{{html .raw}}")).isEqualTo("&lt;a href=&#34;x&#34;&gt;&amp;&#39;");
    assertThat(render("{{.raw | html}}")).isEqualTo("&lt;a href=&#34;x&#34;&gt;&amp;&#39;");
    assertThat(render("{{html .n \"x\"}}")).as("arguments joined as print does").isEqualTo("3x");
  }

  @Test
  void jsEscapesLikeJsEscapeString() {
    assertThat(GoTemplate.parse("{{js .v}}").render(Map.of("v", "a'b\"c<d>&=\\\n\u0001")))
        .isEqualTo("a\\'b\\\"c\\u003Cd\\u003E\\u0026\\u003D\\\\\\u000A\\u0001");
  }

  @Test
  void urlqueryEscapesLikeQueryEscape() {
    assertThat(GoTemplate.parse("{{urlquery .v}}").render(Map.of("v", "a b&c=d/é~*-_.")))
        .isEqualTo("a+b%26c%3Dd%2F%C3%A9~%2A-_.");
  }

  @Test
  void sliceCutsStringsByByteAndListsByElement() {
    assertThat(render("{{slice .s 1 3}}")).isEqualTo("el");
    assertThat(render("{{slice .s 2}}")).isEqualTo("llo");
    assertThat(render("{{slice .li 1}}")).isEqualTo("[2 3]");
    assertThat(render("{{slice .li 0 1 2}}")).isEqualTo("[1]");
    assertThat(render("{{slice .li}}")).isEqualTo("[1 2 3]");
    assertThatThrownBy(() -> render("{{slice .s 1 2 3}}")).isInstanceOf(TemplateException.class)
        .hasMessageContaining("cannot 3-index slice a string");
    assertThatThrownBy(() -> render("{{slice .li 2 1}}")).isInstanceOf(TemplateException.class)
        .hasMessageContaining("invalid slice index: 2 > 1");
    assertThatThrownBy(() -> render("{{slice .li 4}}")).isInstanceOf(TemplateException.class)
        .hasMessageContaining("index out of range: 4");
  }

  @Test
  void callOfAValueThatIsNotAFunctionIsAnErrorAsInGo() {
    assertThatThrownBy(() -> render("{{call .s}}")).isInstanceOf(TemplateException.class)
        .hasMessageContaining("error calling call: non-function of type string");
  }

  @Test
  void defineAndTemplateRenderANamedTemplateWithANewDot() {
    assertThat(render("{{define \"T\"}}[{{.}}]{{end}}{{template \"T\" .s}}|{{template \"T\" .n}}"))
        .isEqualTo("[hello]|[3]");
    assertThat(render("{{template \"T\"}}{{define \"T\"}}[{{.}}]{{end}}")).as("no pipeline: dot is nil")
        .isEqualTo("[<no value>]");
    assertThat(render("{{define \"R\"}}{{$.region}}{{end}}{{template \"R\" .p}}")).as("$ is the new dot")
        .isEqualTo("eu");
  }

  @Test
  void blockDefinesAndRunsInPlace() {
    assertThat(render("a{{block \"B\" .n}}n={{.}}{{end}}b")).isEqualTo("an=3b");
    assertThat(render("{{block \"B\" .s}}{{end}}{{define \"B\"}}<{{.}}>{{end}}")).as("an empty block body is replaceable")
        .isEqualTo("<hello>");
  }

  @Test
  void templateErrorsMatchGo() {
    assertThatThrownBy(() -> render("{{template \"missing\"}}")).isInstanceOf(TemplateException.class)
        .hasMessageContaining("no such template \"missing\"");
    assertThatThrownBy(() -> render("{{define \"T\"}}a{{end}}{{define \"T\"}}b{{end}}"))
        .isInstanceOf(TemplateException.class).hasMessageContaining("multiple definition of template \"T\"");
    assertThatThrownBy(() -> render("{{$x := 1}}{{define \"T\"}}{{$x}}{{end}}")).isInstanceOf(TemplateException.class)
        .hasMessageContaining("undefined variable \"$x\"");
    assertThatThrownBy(() -> render("{{if .s}}{{define \"T\"}}x{{end}}{{end}}")).isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> render("{{define \"L\"}}{{template \"L\" .}}{{end}}{{template \"L\" .}}"))
        .isInstanceOf(TemplateException.class).hasMessageContaining("exceeded maximum template depth");
  }
}
