package dev.orun.runner.gha.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The examples of GitHub's "Evaluate expressions in workflows and actions" documentation, with
 * the results the documentation states, evaluated by our lexer, parser and evaluator.
 */
class ExpressionGoldenTest {

    private static final Object EVENT = Json.read("""
            {"issue": {"labels": [{"name": "bug"}, {"name": "help wanted"}]},
             "pull_request": {"number": 42}}
            """);

    private final EvaluationContext context = new EvaluationContext(Map.of(
            "github", Map.of("event_name", "push", "event", EVENT, "ref", "refs/heads/main"),
            "env", Map.of("GREETING", "Hello", "EMPTY", ""),
            "steps", Map.of("build", Map.of("outputs", Map.of("version", "1.2.3"),
                    "outcome", "success", "conclusion", "success")),
            "fruits", Json.read("""
                    [{"name": "apple", "quantity": 1}, {"name": "orange", "quantity": 2},
                     {"name": "pear", "quantity": 1}]
                    """),
            "vegetables", Json.read("""
                    {"scallions": {"colors": ["green", "white", "red"], "ediblePortions":
                      ["roots", "stalks"]}, "beets": {"colors": ["purple", "red", "gold",
                      "white", "pink"], "ediblePortions": ["roots", "stems", "leaves"]},
                     "artichokes": {"colors": ["green", "purple", "red", "black"],
                      "ediblePortions": ["hearts", "stems", "leaves"]}}
                    """)), null, null);

    private String text(String expression) {
        return Values.toText(Expressions.evaluate(expression, context));
    }

    @ParameterizedTest(name = "literal {0} → {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "false => false",
            "null => \"\"",
            "711 => 711",
            "-9.2 => -9.2",
            "0xff => 255",
            "-2.99e-2 => -0.0299",
            "'Mona the Octocat' => Mona the Octocat",
            "'It''s open source!' => It's open source!",
    })
    void literalsFromTheDocumentation(String expression, String expected) {
        assertThat(text(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "contains('Hello world', 'llo') => true",
            "contains(github.event.issue.labels.*.name, 'bug') => true",
            "contains(fromJSON('[\"push\", \"pull_request\"]'), github.event_name) => true",
            "startsWith('Hello world', 'He') => true",
            "endsWith('Hello world', 'ld') => true",
            "format('Hello {0} {1} {2}', 'Mona', 'the', 'Octocat') => Hello Mona the Octocat",
            "format('{{Hello {0} {1} {2}!}}', 'Mona', 'the', 'Octocat') => {Hello Mona the Octocat!}",
            "join(github.event.issue.labels.*.name, ', ') => bug, help wanted",
            "join(fruits.*.name) => apple,orange,pear",
            "join(vegetables.*.ediblePortions.*, ' ') => roots stalks roots stems leaves hearts stems leaves",
            "github.event.pull_request.number => 42",
            "github['event']['issue']['labels'][1]['name'] => help wanted",
            "steps.build.outputs.version => 1.2.3",
            "STEPS.Build.Outputs.VERSION => 1.2.3",
    })
    void functionsAndAccessFromTheDocumentation(String expression, String expected) {
        assertThat(text(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            // documented coercions: null → 0, booleans → 1/0, strings parsed, '' → 0
            "null == 0 => true",
            "true == 1 => true",
            "false == 0 => true",
            "'' == 0 => true",
            "'3' == 3 => true",
            "'abc' == 'ABC' => true",
            "'0x10' == 16 => true",
            "'abc' == 0 => false",
            "fromJSON('[]') == fromJSON('[]') => false",
            "1 < 2 => true",
            "'b' > 'A' => true",
            "'abc' < 1 => false",
            "!0 => true",
            "!'' => true",
            "!'false' => false",
            "github.event_name == 'push' && 'yes' || 'no' => yes",
            "github.event_name == 'pull_request' && 'yes' || 'no' => no",
            "env.EMPTY || 'fallback' => fallback",
            "null || false => false",
            "1 && 'last' => last",
    })
    void operatorsAndLooseEquality(String expression, String expected) {
        assertThat(text(expression)).isEqualTo(expected);
    }

    @Test
    void filtersCollectAPropertyOfEveryElement() {
        assertThat(Expressions.evaluate("fruits.*.name", context))
                .isEqualTo(List.of("apple", "orange", "pear"));
        assertThat(Expressions.evaluate("vegetables.*.colors.*", context))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(12);
    }

    @Test
    void toJsonPrettyPrintsAndFromJsonRoundTrips() {
        assertThat(text("toJSON(fromJSON('{\"a\": [1, true, null], \"b\": \"x\"}'))"))
                .isEqualTo("{\n  \"a\": [\n    1,\n    true,\n    null\n  ],\n  \"b\": \"x\"\n}");
        assertThat(text("fromJSON('{\"n\": 3}').n")).isEqualTo("3");
        assertThat(text("fromJSON('true')")).isEqualTo("true");
    }

    @Test
    void interpolationReplacesEveryExpressionAndKeepsTheRest() {
        assertThat(Expressions.interpolate("v=${{ steps.build.outputs.version }}, "
                + "${{ env.GREETING }} ${{ 'a}}b' }}!", context)).isEqualTo("v=1.2.3, Hello a}}b!");
        assertThat(Expressions.interpolate("no expressions", context)).isEqualTo("no expressions");
    }

    @Test
    void conditionsImplySuccessUnlessTheyUseAStatusFunction() {
        EvaluationContext failed = context.withStatus(new EvaluationContext.JobStatus(true, false));
        assertThat(Expressions.condition("", context)).isTrue();
        assertThat(Expressions.condition("", failed)).isFalse();
        assertThat(Expressions.condition("github.event_name == 'push'", failed)).isFalse();
        assertThat(Expressions.condition("${{ failure() }}", failed)).isTrue();
        assertThat(Expressions.condition("always() && github.event_name == 'push'", failed)).isTrue();
        assertThat(Expressions.condition("${{ github.event_name != 'push' }}", context)).isFalse();
        assertThat(Expressions.condition("cancelled()", context)).isFalse();
    }

    @Test
    void hashFilesHashesTheMatchingFilesAndIsEmptyWhenNoneMatch(@TempDir Path workspace)
            throws Exception {
        Files.createDirectories(workspace.resolve("a/b"));
        Files.writeString(workspace.resolve("a/b/package-lock.json"), "{}");
        Files.writeString(workspace.resolve("a/readme.md"), "x");
        EvaluationContext ws = new EvaluationContext(Map.of(), null, workspace);
        String hash = Values.toText(Expressions.evaluate("hashFiles('**/package-lock.json')", ws));
        assertThat(hash).hasSize(64).isNotEqualTo(
                Values.toText(Expressions.evaluate("hashFiles('**/*.md')", ws)));
        Files.writeString(workspace.resolve("a/b/package-lock.json"), "{\"changed\": 1}");
        assertThat(Values.toText(Expressions.evaluate("hashFiles('**/package-lock.json')", ws)))
                .isNotEqualTo(hash);
        assertThat(Values.toText(Expressions.evaluate("hashFiles('**/*.nothing')", ws))).isEmpty();
    }

    @ParameterizedTest(name = "{0} fails: {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "github.event_name == => unexpected end of expression",
            "'unterminated => unterminated string",
            "nosuch.context => unrecognized named-value 'nosuch'",
            "frobnicate(1) => unknown function 'frobnicate'",
            "contains('a') => contains() takes 2 arguments, got 1",
            "format('{0} {1}', 'x') => refers to {1} but only 1 argument(s) follow",
            "fromJSON('{not json') => fromJSON: invalid JSON",
            "1 = 1 => did you mean '=='",
            "(1 => expected ')'",
    })
    void errorsNameTheExpressionAndTheReason(String expression, String reason) {
        assertThatThrownBy(() -> Expressions.evaluate(expression, context))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("${{ " + expression + " }}")
                .hasMessageContaining(reason);
    }

    @Test
    void anUnclosedInterpolationIsAnErrorNotAnEmptyString() {
        assertThatThrownBy(() -> Expressions.interpolate("echo ${{ github.ref", context))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("unclosed");
    }
}
