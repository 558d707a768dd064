package dev.orun.plan.template;

/**
 * A template failed to parse or to render. The message starts with the position of the offending
 * construct ({@code line L, column C: ...}) so callers can prefix it with the file and field that
 * held the template.
 */
public class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String missingKey;

  public TemplateException(String message) {
    this(message, null);
  }

  public TemplateException(String message, String missingKey) {
    super(message);
    this.missingKey = missingKey;
  }

  /**
   * The dotted path of the key whose absence caused this error (e.g. {@code parameters.region}),
   * or null when the error is not about a missing key.
   */
  public String missingKey() {
    return missingKey;
  }

  /** An error located at a character offset of the template source. */
  static TemplateException at(String source, int offset, String message) {
    return at(source, offset, message, null);
  }

  static TemplateException at(String source, int offset, String message, String missingKey) {
    return new TemplateException(position(source, offset) + ": " + message, missingKey);
  }

  /** {@code line L, column C} (both 1-based) of an offset; computed only when an error is raised. */
  static String position(String source, int offset) {
    int line = 1;
    int lineStart = 0;
    int end = Math.min(Math.max(offset, 0), source.length());
    for (int i = 0; i < end; i++) {
      if (source.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return "line " + line + ", column " + (end - lineStart + 1);
  }
}
