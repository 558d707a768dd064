package dev.orun.plan.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Syntax errors surface at parse time with the position of the offending construct. */
class GoTemplateSyntaxErrorTest {

  private static String parseError(String template) {
    TemplateException e = catchThrowableOfType(() -> GoTemplate.parse(template), TemplateException.class);
    assertThat(e).as("parse error for %s", template).isNotNull();
    assertThat(e.missingKey()).isNull();
    return e.getMessage();
  }

  @Test
  void unclosedAction() {
    assertThat(parseError("echo {{ .parameters.region")).isEqualTo("line 1, column 6: unclosed action: missing \"}}\"");
    assertThat(parseError("a\nb {{ if .x }")).startsWith("line 2, column 3: unclosed action");
    assertThat(parseError("echo \"{{.parameters.greeting\"")).isEqualTo("line 1, column 7: unclosed action: missing \"}}\"");
    assertThat(parseError("{{.a}} {{.b\"x")).isEqualTo("line 1, column 8: unclosed action: missing \"}}\"");
  }

  @Test
  void unmatchedEndAndElse() {
    assertThat(parseError("a {{end}}")).isEqualTo("line 1, column 5: unexpected {{end}}");
    assertThat(parseError("{{else}}")).isEqualTo("line 1, column 3: unexpected {{else}}");
  }

  @Test
  void missingEnd() {
    assertThat(parseError("x\n{{if .a}}yes")).isEqualTo("line 2, column 3: unclosed {{if}}: missing {{end}}");
    assertThat(parseError("{{range .l}}{{else}}none")).contains("unclosed {{range}}: missing {{end}}");
    assertThat(parseError("{{with .a}}{{else}}{{else}}{{end}}")).contains("expected {{end}}, found {{else}}");
  }

  @Test
  void unknownFunctionIsNamed() {
    assertThat(parseError("{{default \"x\" .parameters.zone}}"))
        .isEqualTo("line 1, column 3: function \"default\" not defined");
    assertThat(parseError("{{.a | upper}}")).contains("function \"upper\" not defined");
  }

  @Test
  void undefinedVariable() {
    assertThat(parseError("{{$nope}}")).contains("undefined variable \"$nope\"");
    assertThat(parseError("{{if true}}{{$x := 1}}{{end}}{{$x}}")).contains("undefined variable \"$x\"");
    assertThat(parseError("{{$y = 1}}")).contains("undefined variable \"$y\"");
  }

  @Test
  void malformedOperands() {
    assertThat(parseError("{{.a .b}}")).contains("can't give argument to non-function .a");
    assertThat(parseError("{{\"x\" | .a}}")).contains("can't give argument to non-function");
    assertThat(parseError("{{nil}}")).contains("nil is not a command");
    assertThat(parseError("{{}}")).contains("missing value for command");
    assertThat(parseError("{{.a | }}")).contains("missing command after \"|\"");
    assertThat(parseError("{{(eq 1 1}}")).contains("unclosed left paren");
    assertThat(parseError("{{eq 1 1)}}")).contains("unexpected right paren");
    assertThat(parseError("{{.a+1}}")).contains("bad character U+002B '+'");
    assertThat(parseError("{{\"abc}}")).contains("unterminated quoted string");
    assertThat(parseError("{{1.2.3}}")).contains("bad number syntax");
    assertThat(parseError("{{1e400}}")).contains("number out of range");
    assertThat(parseError("{{if}}{{end}}")).contains("missing value for if");
  }

  @Test
  void commentsMustCloseRightBeforeTheDelimiter() {
    assertThat(parseError("{{/* x */ .a}}")).contains("comment ends before closing delimiter");
    assertThat(parseError("{{/* x }}")).contains("unclosed comment");
  }

  @Test
  void loopControlOutsideRange() {
    assertThat(parseError("{{break}}")).contains("{{break}} outside {{range}}");
    assertThat(parseError("{{range .l}}{{else}}{{continue}}{{end}}")).contains("{{continue}} outside {{range}}");
  }

  @Test
  void namedTemplateActionsNeedAQuotedNameAndAnEnd() {
    assertThat(parseError("{{template x}}")).contains("template clause");
    assertThat(parseError("{{define \"x\"}}")).contains("unclosed {{define}}: missing {{end}}");
  }

  @Test
  void executionErrorsSayWhereTheyHappened() {
    GoTemplate template = GoTemplate.parse("a\n  {{range .s}}x{{end}}");
    assertThatThrownBy(() -> template.render(Map.of("s", "text")))
        .isInstanceOf(TemplateException.class)
        .hasMessage("line 2, column 11: range can't iterate over text");
  }
}
