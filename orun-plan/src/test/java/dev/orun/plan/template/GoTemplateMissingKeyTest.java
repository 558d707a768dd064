package dev.orun.plan.template;

import static dev.orun.plan.template.TemplateFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/decisions/template-missing-keys-and-expressions.md: printing a missing key is an error naming the key; as a condition it is false. */
class GoTemplateMissingKeyTest {

  private static TemplateException renderFailure(String template) {
    return catchThrowableOfType(() -> render(template), TemplateException.class);
  }

  @Test
  void printingAMissingKeyFailsWithItsDottedPath() {
    TemplateException e = renderFailure("echo {{.parameters.zone}}");
    assertThat(e.missingKey()).isEqualTo("parameters.zone");
    assertThat(e).hasMessage("line 1, column 8: missing key \"parameters.zone\"");
  }

  @Test
  void aMissingIntermediateKeyReportsTheWholePath() {
    TemplateException e = renderFailure("{{.parameters.db.host}}");
    assertThat(e.missingKey()).isEqualTo("parameters.db.host");
    assertThat(renderFailure("{{.nope.x}}").missingKey()).isEqualTo("nope.x");
  }

  @Test
  void theErrorSaysWhereTheActionIs() {
    TemplateException e = renderFailure("line one\n  run {{ .orun.component.owner }}");
    assertThat(e.getMessage()).startsWith("line 2, column 10: ")
        .contains("missing key \"orun.component.owner\"");
  }

  @Test
  void aKeyPresentWithANullValueIsNotMissingAndPrintsLikeGo() {
    assertThat(render("{{.parameters.nothing}}")).isEqualTo("<no value>");
    assertThat(render("{{print .parameters.nothing}}")).isEqualTo("<nil>");
  }

  @Test
  void missingKeysAreFalseInConditions() {
    assertThat(render("{{if .buildCommand}}build{{else}}skip{{end}}")).isEqualTo("skip");
    assertThat(render("{{if .parameters.a.b.c}}x{{else}}no{{end}}")).isEqualTo("no");
    assertThat(render("{{with .parameters.zone}}{{.}}{{else}}none{{end}}")).isEqualTo("none");
    assertThat(render("{{if not .parameters.zone}}unset{{end}}")).isEqualTo("unset");
  }

  @Test
  void missingKeysAreNilOperandsOfEqNeAndOr() {
    assertThat(render("{{if eq .parameters.zone \"a\"}}a{{else}}other{{end}}")).isEqualTo("other");
    assertThat(render("{{if ne .parameters.zone \"a\"}}differs{{end}}")).isEqualTo("differs");
    assertThat(render("{{if eq .parameters.zone nil}}nil{{end}}")).isEqualTo("nil");
    assertThat(render("{{if and .parameters.region .parameters.zone}}both{{else}}not both{{end}}"))
        .isEqualTo("not both");
    assertThat(render("{{if or .parameters.zone .parameters.region}}either{{end}}")).isEqualTo("either");
    assertThat(render("{{or .parameters.zone \"fallback\"}}")).isEqualTo("fallback");
  }

  @Test
  void printingTheMissingResultOfAndOrIsStillAnError() {
    assertThat(renderFailure("{{and .parameters.zone 1}}").missingKey()).isEqualTo("parameters.zone");
  }

  @Test
  void missingKeysPassedToOtherFunctionsAreErrors() {
    assertThat(renderFailure("{{printf \"%s\" .parameters.zone}}").missingKey()).isEqualTo("parameters.zone");
    assertThat(renderFailure("{{len .parameters.zone}}").missingKey()).isEqualTo("parameters.zone");
    assertThat(renderFailure("{{if lt .parameters.zone 3}}x{{end}}").missingKey()).isEqualTo("parameters.zone");
  }

  @Test
  void indexOfAnAbsentMapKeyIsAMissingKey() {
    TemplateException e = renderFailure("{{index .parameters \"zone\"}}");
    assertThat(e.missingKey()).isEqualTo("parameters.zone");
    assertThat(render("{{if index .parameters \"zone\"}}x{{else}}no{{end}}")).isEqualTo("no");
  }

  @Test
  void missingKeysThroughVariablesAndRootKeepTheirPath() {
    assertThat(renderFailure("{{$p := .parameters}}{{$p.zone}}").missingKey()).isEqualTo("$p.zone");
    assertThat(renderFailure("{{$.parameters.zone}}").missingKey()).isEqualTo("parameters.zone");
    assertThat(renderFailure("{{$z := .parameters.zone}}{{$z}}").missingKey()).isEqualTo("parameters.zone");
  }

  @Test
  void fieldAccessOnANonMapIsAnErrorEvenInConditions() {
    TemplateException e = renderFailure("{{if .parameters.region.x}}x{{end}}");
    assertThat(e.missingKey()).isNull();
    assertThat(e).hasMessageContaining("can't evaluate field x in type string");
  }

  @Test
  void otherErrorsHaveNoMissingKey() {
    assertThat(catchThrowableOfType(() -> render("{{index .l 3}}", Map.of("l", java.util.List.of())),
        TemplateException.class).missingKey()).isNull();
  }
}
