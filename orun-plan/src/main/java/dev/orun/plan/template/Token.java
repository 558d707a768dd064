package dev.orun.plan.template;

/** One lexical item of a template: literal text, a delimiter or a piece of an action. */
final class Token {
  enum Kind {
    TEXT, LEFT_DELIM, RIGHT_DELIM, SPACE, FIELD, IDENTIFIER, KEYWORD, VARIABLE, DOT, STRING,
    NUMBER, BOOL, NIL, LEFT_PAREN, RIGHT_PAREN, PIPE, DECLARE, ASSIGN, COMMA, EOF;

    /** Whether a command may begin with a token of this kind. */
    boolean startsOperand() {
      switch (this) {
        case BOOL: case DOT: case FIELD: case IDENTIFIER: case NUMBER: case NIL: case STRING:
        case VARIABLE: case LEFT_PAREN:
          return true;
        default:
          return false;
      }
    }
  }

  final Kind kind;
  /** Source text, except TEXT (trimmed text), STRING (unquoted) and NUMBER (the parsed value). */
  final String text;
  final Object value;
  final int offset;

  Token(Kind kind, String text, Object value, int offset) {
    this.kind = kind;
    this.text = text;
    this.value = value;
    this.offset = offset;
  }

  String describe() {
    switch (kind) {
      case EOF: return "end of template";
      case LEFT_DELIM: return "\"{{\"";
      case RIGHT_DELIM: return "\"}}\"";
      case SPACE: return "space";
      default: return "\"" + text + "\"";
    }
  }
}
