package dev.orun.plan.template;

import dev.orun.plan.template.Token.Kind;

/** Parse errors that point at the place in the template source. */
final class ParseErrors {
  private final String src;

  ParseErrors(String src) {
    this.src = src;
  }

  TemplateException unexpected(Token token, String context) {
    if (token.kind == Kind.EOF) {
      return at(token, "unexpected end of template in " + context);
    }
    return at(token, "unexpected " + token.describe() + " in " + context);
  }

  TemplateException at(Token token, String message) {
    return at(token.offset, message);
  }

  TemplateException at(int offset, String message) {
    return TemplateException.at(src, offset, message);
  }
}
