package dev.orun.plan.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Renders every template of {@code template/go-text-template-golden.jsonl} and compares with the
 * output Go's own {@code text/template} produced for the same data (regenerate with
 * {@code src/test/go-golden/main.go}). The corpus leaves out the cases where orun deliberately
 * differs from Go (docs/decisions/template-missing-keys-and-expressions.md: missing keys, {@code ${{ }}}); those are covered by the other template tests.
 */
class GoTemplateGoldenTest {

  @Test
  void rendersLikeGoTextTemplate() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = readLines("/template/go-text-template-golden.jsonl");
    Map<String, Object> data = json.convertValue(json.readTree(lines.get(0)).get("data"),
        new TypeReference<Map<String, Object>>() { });
    assertThat(lines).hasSizeGreaterThan(100);

    List<String> mismatches = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      JsonNode golden = json.readTree(line);
      String template = golden.get("template").asText();
      String expected = golden.get("go").asText();
      String actual;
      try {
        actual = "OK:" + GoTemplate.parse(template).render(data);
      } catch (TemplateException e) {
        actual = "ERR";
      }
      if (!actual.equals(expected)) {
        mismatches.add(template + "\n  go:   " + expected + "\n  java: " + actual);
      }
    }
    assertThat(mismatches).as("templates rendered differently from Go").isEmpty();
  }

  private static List<String> readLines(String resource) throws IOException {
    try (InputStream in = GoTemplateGoldenTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      return lines;
    }
  }
}
