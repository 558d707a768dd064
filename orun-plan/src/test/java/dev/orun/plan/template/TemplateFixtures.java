package dev.orun.plan.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data shape compositions render against ({@code .orun}, {@code .parameters}, {@code .env}). */
final class TemplateFixtures {
  private TemplateFixtures() {
  }

  static Map<String, Object> stepData() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("region", "eu-west-1");
    parameters.put("replicas", 3);
    parameters.put("ratio", 1.5);
    parameters.put("debug", false);
    parameters.put("tags", List.of("a", "b"));
    parameters.put("limits", Map.of("cpu", "2", "memory", "4Gi"));
    parameters.put("empty", "");
    parameters.put("nothing", null);
    return Map.of(
        "orun", Map.of(
            "component", Map.of("name", "api", "type", "service", "domain", "shop"),
            "environment", Map.of("name", "dev"),
            "job", Map.of("id", "api@dev.deploy", "name", "deploy")),
        "parameters", parameters,
        "env", Map.of("FOO", "bar"));
  }

  static String render(String template) {
    return GoTemplate.parse(template).render(stepData());
  }

  static String render(String template, Map<String, Object> data) {
    return GoTemplate.parse(template).render(data);
  }
}
