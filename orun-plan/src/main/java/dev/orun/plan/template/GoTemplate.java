package dev.orun.plan.template;

import dev.orun.plan.template.Ast.Node;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed template in the subset of Go's {@code text/template} that compositions use: field
 * chains on maps, {@code if/else if/else}, {@code range}, {@code with}, variables, pipelines,
 * parenthesised pipelines, trim markers, comments, {@code define}/{@code template}/{@code block},
 * and the functions {@code eq ne lt le gt ge and or not len index print printf println html js
 * urlquery slice call}. Output is formatted like Go's {@code fmt %v}.
 *
 * <p>Two decisions differ from Go
 * (docs/decisions/template-missing-keys-and-expressions.md): printing a missing key is an error whose
 * {@link TemplateException#missingKey()} is the key's dotted path (a missing key used as a
 * condition is nil/false), and GitHub Actions expressions {@code ${{ ... }}} are literal text.
 *
 * <p>Parse once, render many times; instances are immutable and thread-safe.
 */
public final class GoTemplate {
  private final String source;
  private final List<Node> nodes;
  private final Map<String, List<Node>> definitions;
  private final boolean isStatic;

  private GoTemplate(String source, List<Node> nodes, Map<String, List<Node>> definitions, boolean isStatic) {
    this.source = source;
    this.nodes = nodes;
    this.definitions = definitions;
    this.isStatic = isStatic;
  }

  /** Parses a template; throws {@link TemplateException} (with line and column) on syntax errors. */
  public static GoTemplate parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf("{{") < 0) {
      return new GoTemplate(text, List.of(), Map.of(), true);
    }
    Map<String, List<Node>> definitions = new java.util.LinkedHashMap<>();
    List<Node> nodes = Parser.parseWithDefinitions(text, definitions);
    boolean isStatic = nodes.size() == 1 && nodes.get(0) instanceof Ast.Text
        && ((Ast.Text) nodes.get(0)).text.equals(text);
    return new GoTemplate(text, List.copyOf(nodes), Map.copyOf(definitions), isStatic);
  }

  /** Renders against {@code data} (the dot and {@code $}); throws {@link TemplateException}. */
  public String render(Map<String, Object> data) {
    if (isStatic) {
      return source;
    }
    StringBuilder out = new StringBuilder(source.length() + 64);
    Object root = data == null ? Map.of() : data;
    new Executor(source, out, root, definitions, 0).walk(root, nodes);
    return out.toString();
  }

  /** True when the text has no actions, so {@link #render} returns it unchanged. */
  public boolean isStatic() {
    return isStatic;
  }

  /** The template text as given to {@link #parse}. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }
}
