package dev.orun.plan.template;

import static dev.orun.plan.template.TemplateFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoTemplateRenderingTest {

  @Test
  void textWithoutActionsIsStaticAndRendersUnchanged() {
    GoTemplate template = GoTemplate.parse("echo hello\n");
    assertThat(template.isStatic()).isTrue();
    assertThat(template.render(Map.of())).isEqualTo("echo hello\n");
  }

  @Test
  void textWithActionsIsNotStatic() {
    assertThat(GoTemplate.parse("x {{.a}}").isStatic()).isFalse();
    assertThat(GoTemplate.parse("{{/* only a comment */}}").isStatic()).isFalse();
  }

  @Test
  void fieldChainsReadNestedMaps() {
    assertThat(render("deploy {{.orun.component.name}} to {{.orun.environment.name}} in {{.parameters.region}}"))
        .isEqualTo("deploy api to dev in eu-west-1");
    assertThat(render("{{.orun.job.id}} {{.env.FOO}}")).isEqualTo("api@dev.deploy bar");
  }

  @Test
  void dollarIsTheRootAndDotIsTheCurrentValue() {
    assertThat(render("{{with .orun.component}}{{.name}}/{{$.parameters.region}}{{end}}"))
        .isEqualTo("api/eu-west-1");
    assertThat(render("{{.}}", Map.of())).isEqualTo("map[]");
    assertThat(render("{{$.env.FOO}}")).isEqualTo("bar");
  }

  @Test
  void ifElseIfElseChainsPickTheFirstTrueBranch() {
    String template = "{{if eq .orun.environment.name \"prod\"}}P"
        + "{{else if eq .orun.environment.name \"staging\"}}S"
        + "{{else if eq .orun.environment.name \"dev\"}}D"
        + "{{else}}?{{end}}";
    assertThat(render(template)).isEqualTo("D");
    assertThat(render(template, Map.of("orun", Map.of("environment", Map.of("name", "prod")))))
        .isEqualTo("P");
    assertThat(render(template, Map.of("orun", Map.of("environment", Map.of("name", "x")))))
        .isEqualTo("?");
  }

  @Test
  void conditionsUseGoTruthiness() {
    assertThat(render("{{if .parameters.debug}}yes{{else}}no{{end}}")).isEqualTo("no");
    assertThat(render("{{if .parameters.empty}}yes{{else}}no{{end}}")).isEqualTo("no");
    assertThat(render("{{if .parameters.nothing}}yes{{else}}no{{end}}")).isEqualTo("no");
    assertThat(render("{{if .parameters.replicas}}yes{{end}}")).isEqualTo("yes");
    assertThat(render("{{if 0}}yes{{else}}no{{end}}")).isEqualTo("no");
    assertThat(render("{{if 0.0}}yes{{else}}no{{end}}")).isEqualTo("no");
    assertThat(render("{{if .l}}yes{{else}}no{{end}}", Map.of("l", List.of()))).isEqualTo("no");
    assertThat(render("{{if .m}}yes{{else}}no{{end}}", Map.of("m", Map.of()))).isEqualTo("no");
    assertThat(render("{{if .m}}yes{{else}}no{{end}}", Map.of("m", Map.of("k", 1)))).isEqualTo("yes");
  }

  @Test
  void rangeIteratesListsWithIndexAndElement() {
    assertThat(render("{{range .parameters.tags}}[{{.}}]{{end}}")).isEqualTo("[a][b]");
    assertThat(render("{{range $i, $t := .parameters.tags}}{{$i}}={{$t}} {{end}}"))
        .isEqualTo("0=a 1=b ");
    assertThat(render("{{range $t := .parameters.tags}}{{$t}}{{end}}")).isEqualTo("ab");
  }

  @Test
  void rangeOverMapsVisitsKeysInSortedOrder() {
    Map<String, Object> data = Map.of("m", Map.of("b", 2, "a", 1, "c", 3));
    assertThat(render("{{range $k, $v := .m}}{{$k}}:{{$v}},{{end}}", data)).isEqualTo("a:1,b:2,c:3,");
    assertThat(render("{{range .m}}{{.}}{{end}}", data)).isEqualTo("123");
  }

  @Test
  void rangeElseRunsWhenThereIsNothingToIterate() {
    assertThat(render("{{range .l}}x{{else}}none{{end}}", Map.of("l", List.of()))).isEqualTo("none");
    assertThat(render("{{range .absent}}x{{else}}none{{end}}", Map.of())).isEqualTo("none");
  }

  @Test
  void nestedRangesSeeTheirOwnDotAndOuterVariables() {
    Map<String, Object> data = Map.of("groups", List.of(
        Map.of("name", "g1", "items", List.of("x", "y")),
        Map.of("name", "g2", "items", List.of("z"))));
    assertThat(render("{{range $g := .groups}}{{range .items}}{{$g.name}}.{{.}} {{end}}{{end}}", data))
        .isEqualTo("g1.x g1.y g2.z ");
  }

  @Test
  void breakAndContinueControlTheInnermostRange() {
    Map<String, Object> data = Map.of("l", List.of(1, 2, 3, 4));
    assertThat(render("{{range .l}}{{if eq . 2}}{{continue}}{{end}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}", data))
        .isEqualTo("13");
  }

  @Test
  void withSetsDotOrFallsBackToElse() {
    assertThat(render("{{with .parameters.limits}}{{.cpu}}/{{.memory}}{{end}}")).isEqualTo("2/4Gi");
    assertThat(render("{{with .parameters.empty}}x{{else}}empty{{end}}")).isEqualTo("empty");
    assertThat(render("{{with .parameters.absent}}x{{else with .parameters.region}}{{.}}{{end}}"))
        .isEqualTo("eu-west-1");
  }

  @Test
  void variablesCanBeDeclaredAndReassigned() {
    assertThat(render("{{$r := .parameters.region}}{{$r}}")).isEqualTo("eu-west-1");
    assertThat(render("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}")).isEqualTo("2");
    assertThat(render("{{$x := \"outer\"}}{{with .env}}{{$x := \"inner\"}}{{$x}}{{end}} {{$x}}"))
        .isEqualTo("inner outer");
  }

  @Test
  void trimMarkersRemoveAdjacentWhitespace() {
    assertThat(render("a  \n {{- .env.FOO -}} \n  b")).isEqualTo("abarb");
    assertThat(render("a {{- .env.FOO}} b")).isEqualTo("abar b");
    assertThat(render("a {{.env.FOO -}} b")).isEqualTo("a barb");
    assertThat(render("steps:\n{{- range .parameters.tags}}\n  - {{.}}\n{{- end}}\n"))
        .isEqualTo("steps:\n  - a\n  - b\n");
  }

  @Test
  void minusWithoutSpaceIsANumberNotATrimMarker() {
    assertThat(render("a {{-3}} b")).isEqualTo("a -3 b");
  }

  @Test
  void commentsRenderNothing() {
    assertThat(render("a{{/* note */}}b")).isEqualTo("ab");
    assertThat(render("a {{- /* note */ -}} b")).isEqualTo("ab");
    assertThat(render("a{{/* multi\nline */}}b")).isEqualTo("ab");
  }

  @Test
  void githubExpressionsPassThroughUntouched() {
    String text = "echo ${{ steps.build.outputs.image }} ${{ env.FOO }} ${{github.sha}}";
    GoTemplate template = GoTemplate.parse(text);
    assertThat(template.isStatic()).isTrue();
    assertThat(template.render(Map.of())).isEqualTo(text);
  }

  @Test
  void githubExpressionsMixWithTemplateActions() {
    assertThat(render("{{.parameters.region}}: ${{ steps.x.outputs.y }} {{- \" \" -}} ${{ env.FOO }}"))
        .isEqualTo("eu-west-1: ${{ steps.x.outputs.y }} ${{ env.FOO }}");
    assertThat(render("if: ${{ contains(format('{{0}}', env.X), '}}') }} {{.env.FOO}}"))
        .isEqualTo("if: ${{ contains(format('{{0}}', env.X), '}}') }} bar");
  }

  @Test
  void dollarBeforeATemplateActionStartingWithADotIsLiteral() {
    assertThat(render("price: ${{.parameters.replicas}}")).isEqualTo("price: $3");
  }

  @Test
  void literalsOfEveryKind() {
    assertThat(render("{{\"a\\tb\"}}|{{`raw\\n`}}|{{42}}|{{-7}}|{{0x1F}}|{{1.5}}|{{2.0}}|{{1e3}}|{{true}}|{{'a'}}"))
        .isEqualTo("a\tb|raw\\n|42|-7|31|1.5|2|1000|true|97");
  }

  @Test
  void noHtmlEscaping() {
    assertThat(render("{{.s}}", Map.of("s", "<a href=\"x\">&</a>"))).isEqualTo("<a href=\"x\">&</a>");
  }

  @Test
  void oneParsedTemplateRendersManyDataSetsIndependently() {
    GoTemplate template = GoTemplate.parse("{{.n}}{{$x := .n}}{{$x}}");
    assertThat(template.render(Map.of("n", 1))).isEqualTo("11");
    assertThat(template.render(Map.of("n", 2))).isEqualTo("22");
  }
}
