import dev.orun.plan.template.GoTemplate;
import java.util.List;
import java.util.Map;

/**
 * Renders a typical composition step the way the compiler does (parse once per step text, render
 * per job) and compares with a baseline in the same run: plain String.replace of the same
 * placeholders, the cheapest possible substitution. Prints per-operation times and ratios.
 */
public final class TemplateBench {
  static final String STEP = "set -eu\n"
      + "cd {{.orun.component.name}}\n"
      + "{{- if eq .orun.environment.name \"prod\" }}\n"
      + "terraform apply -auto-approve -var region={{.parameters.region}}\n"
      + "{{- else }}\n"
      + "terraform plan -var region={{.parameters.region}} -var replicas={{.parameters.replicas}}\n"
      + "{{- end }}\n"
      + "echo ${{ steps.build.outputs.image }} {{.orun.job.id}}\n";
  static final String BASELINE = "set -eu\ncd @NAME@\nterraform plan -var region=@REGION@ -var replicas=@REPLICAS@\n"
      + "echo ${{ steps.build.outputs.image }} @JOB@\n";

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Map<String, Object> data = Map.of(
        "orun", Map.of("component", Map.of("name", "api"), "environment", Map.of("name", "dev"),
            "job", Map.of("id", "api@dev.deploy")),
        "parameters", Map.of("region", "eu-west-1", "replicas", 3, "tags", List.of("a")));
    long sink = 0;
    for (int round = 0; round < 3; round++) { // the last round is reported; earlier ones warm up
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink += BASELINE.replace("@NAME@", "api").replace("@REGION@", "eu-west-1")
            .replace("@REPLICAS@", String.valueOf(3)).replace("@JOB@", "api@dev.deploy").length();
      }
      long t1 = System.nanoTime();
      GoTemplate template = GoTemplate.parse(STEP);
      for (int i = 0; i < n; i++) {
        sink += template.render(data).length();
      }
      long t2 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink += GoTemplate.parse(STEP).render(data).length();
      }
      long t3 = System.nanoTime();
      GoTemplate plain = GoTemplate.parse("make test");
      for (int i = 0; i < n; i++) {
        sink += plain.render(data).length();
      }
      long t4 = System.nanoTime();
      if (round == 2) {
        double base = (t1 - t0) / (double) n;
        report("baseline String.replace", base, base);
        report("render (parsed once)", (t2 - t1) / (double) n, base);
        report("parse + render", (t3 - t2) / (double) n, base);
        parseRenderRatio = (t3 - t2) / (double) n / base;
        report("static text render", (t4 - t3) / (double) n, base);
      }
    }
    System.out.println("(checksum " + sink + ")");
    System.out.printf("ratio parse + render / String.replace: %.2f%n", parseRenderRatio);
  }

  private static double parseRenderRatio;

  static void report(String what, double nanos, double base) {
    System.out.printf("%-26s %8.0f ns/op   ratio %.2f%n", what, nanos, nanos / base);
  }
}
