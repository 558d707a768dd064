package dev.orun.plan.template;

import dev.orun.plan.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a template into tokens, following Go's text/template lexer: {@code {{ }}} delimiters,
 * {@code {{- } / { -}}} trim markers (a dash plus one whitespace), {@code /* *}{@code /} comments.
 *
 * <p>Unlike Go, a GitHub Actions expression {@code ${{ ... }}} is kept as literal text: those are
 * evaluated by the runner at run time, not at plan time. The one exception is {@code ${{.x}}}
 * (content starting with a dot), which no GitHub expression can be; there the {@code $} is text and
 * {@code {{.x}}} an action.
 */
final class Lexer {
  private static final Set<String> KEYWORDS = Set.of(
      "if", "else", "end", "range", "with", "break", "continue", "define", "template", "block");

  private final String src;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int parenDepth;
  private boolean trimNextText;
  private int actionStart;

  private Lexer(String src) {
    this.src = src;
  }

  static List<Token> lex(String src) {
    Lexer lexer = new Lexer(src);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (true) {
      int open = nextActionStart(pos);
      if (open < 0) {
        emitText(pos, src.length(), false);
        break;
      }
      boolean trimLeft = src.startsWith("-", open + 2) && isSpace(charAt(open + 3));
      emitText(pos, open, trimLeft);
      tokens.add(new Token(Kind.LEFT_DELIM, "{{", null, open));
      pos = open + (trimLeft ? 4 : 2);
      if (src.startsWith("/*", pos)) {
        lexComment(open);
      } else {
        lexAction(open);
      }
    }
    tokens.add(new Token(Kind.EOF, "", null, src.length()));
  }

  /** The offset of the next {@code {{} that opens an action, skipping {@code ${{ ... }}} spans. */
  private int nextActionStart(int from) {
    int at = from;
    while (true) {
      int open = src.indexOf("{{", at);
      if (open <= 0 || src.charAt(open - 1) != '$' || startsWithDot(open + 2)) {
        return open;
      }
      int end = expressionEnd(open + 2);
      at = end < 0 ? open + 2 : end;
    }
  }

  private boolean startsWithDot(int from) {
    int i = from;
    while (i < src.length() && isSpace(src.charAt(i))) {
      i++;
    }
    return i < src.length() && src.charAt(i) == '.';
  }

  /** End (exclusive) of a GitHub expression body; single-quoted strings may contain braces. */
  private int expressionEnd(int from) {
    boolean quoted = false;
    for (int i = from; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '}' && charAt(i + 1) == '}') {
        return i + 2;
      }
    }
    return -1;
  }

  private void emitText(int start, int end, boolean trimRight) {
    int s = start;
    int e = end;
    if (trimNextText) {
      while (s < e && isSpace(src.charAt(s))) {
        s++;
      }
      trimNextText = false;
    }
    if (trimRight) {
      while (e > s && isSpace(src.charAt(e - 1))) {
        e--;
      }
    }
    if (s < e) {
      tokens.add(new Token(Kind.TEXT, src.substring(s, e), null, s));
    }
  }

  private void lexComment(int open) {
    int close = src.indexOf("*/", pos + 2);
    if (close < 0) {
      throw TemplateException.at(src, open, "unclosed comment");
    }
    pos = close + 2;
    if (!closeDelimiterHere()) {
      throw TemplateException.at(src, open, "comment ends before closing delimiter");
    }
    // A comment produces no tokens; remove its opening delimiter again.
    tokens.remove(tokens.size() - 1);
  }

  /** Consumes {@code }}} or a whitespace-dash-{@code }}} trim marker at pos, if present. */
  private boolean closeDelimiterHere() {
    if (src.startsWith("}}", pos)) {
      pos += 2;
      return true;
    }
    if (isSpace(charAt(pos)) && src.startsWith("-}}", pos + 1)) {
      pos += 4;
      trimNextText = true;
      return true;
    }
    return false;
  }

  /**
   * Lexes one action. When it fails and the action has no {@code }}} of its own (none follows, or
   * another {@code {{} comes first), the error is the unclosed action at its start, not the first
   * character that does not fit ({@code {{.x"} would otherwise be "bad character U+0022").
   */
  private void lexAction(int open) {
    try {
      lexActionBody(open);
    } catch (TemplateException e) {
      int close = src.indexOf("}}", open + 2);
      int nextOpen = src.indexOf("{{", open + 2);
      if (close < 0 || nextOpen >= 0 && nextOpen < close) {
        throw TemplateException.at(src, open, "unclosed action: missing \"}}\"");
      }
      throw e;
    }
  }

  private void lexActionBody(int open) {
    parenDepth = 0;
    actionStart = open;
    while (true) {
      if (pos >= src.length()) {
        throw TemplateException.at(src, open, "unclosed action: missing \"}}\"");
      }
      int start = pos;
      if (closeDelimiterHere()) {
        if (parenDepth > 0) {
          throw TemplateException.at(src, start, "unclosed left paren");
        }
        tokens.add(new Token(Kind.RIGHT_DELIM, "}}", null, start));
        return;
      }
      char c = src.charAt(pos);
      if (isSpace(c)) {
        // A space directly before "-}}" belongs to the trim marker: stop there and let
        // closeDelimiterHere consume it on the next iteration.
        while (pos < src.length() && isSpace(src.charAt(pos)) && !src.startsWith("-}}", pos + 1)) {
          pos++;
        }
        if (pos == start) {
          continue;
        }
        add(Kind.SPACE, start);
      } else if (c == '"') {
        lexQuoted(start);
      } else if (c == '`') {
        int close = src.indexOf('`', pos + 1);
        if (close < 0) {
          throw TemplateException.at(src, start, "unterminated raw quoted string");
        }
        pos = close + 1;
        tokens.add(new Token(Kind.STRING, src.substring(start, pos),
            src.substring(start + 1, close).replace("\r", ""), start));
      } else if (c == '\'') {
        lexChar(start);
      } else if (c == '$') {
        pos++;
        scanWord();
        add(Kind.VARIABLE, start);
        checkTerminator();
      } else if (c == '.' && !isDigit(charAt(pos + 1))) {
        pos++;
        scanWord();
        add(pos == start + 1 ? Kind.DOT : Kind.FIELD, start);
        checkTerminator();
      } else if (c == '.' || c == '+' || c == '-' || isDigit(c)) {
        lexNumber(start);
      } else if (isWordChar(c)) {
        scanWord();
        String word = src.substring(start, pos);
        Kind kind = KEYWORDS.contains(word) ? Kind.KEYWORD
            : word.equals("true") || word.equals("false") ? Kind.BOOL
            : word.equals("nil") ? Kind.NIL : Kind.IDENTIFIER;
        tokens.add(new Token(kind, word, kind == Kind.BOOL ? Boolean.valueOf(word) : null, start));
        checkTerminator();
      } else {
        lexPunctuation(c, start);
      }
    }
  }

  private void lexPunctuation(char c, int start) {
    pos++;
    switch (c) {
      case '(':
        parenDepth++;
        add(Kind.LEFT_PAREN, start);
        break;
      case ')':
        if (--parenDepth < 0) {
          throw TemplateException.at(src, start, "unexpected right paren");
        }
        add(Kind.RIGHT_PAREN, start);
        break;
      case '|':
        add(Kind.PIPE, start);
        break;
      case ',':
        add(Kind.COMMA, start);
        break;
      case '=':
        add(Kind.ASSIGN, start);
        break;
      case ':':
        if (charAt(pos) != '=') {
          throw TemplateException.at(src, start, "expected :=");
        }
        pos++;
        add(Kind.DECLARE, start);
        break;
      case '}':
        throw TemplateException.at(src, actionStart,
            "unclosed action: found a single \"}\" at " + TemplateException.position(src, start)
                + ", expected \"}}\"");
      default:
        throw TemplateException.at(src, start,
            "unrecognized character in action: " + describeChar(c));
    }
  }

  private void lexQuoted(int start) {
    int i = pos + 1;
    while (true) {
      char c = charAt(i);
      if (c == 0 && i >= src.length() || c == '\n') {
        throw TemplateException.at(src, start, "unterminated quoted string");
      }
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        break;
      } else {
        i++;
      }
    }
    pos = i + 1;
    String raw = src.substring(start, pos);
    tokens.add(new Token(Kind.STRING, raw, Literals.unquote(src, start, raw), start));
  }

  private void lexChar(int start) {
    int i = pos + 1;
    while (true) {
      char c = charAt(i);
      if (c == 0 && i >= src.length() || c == '\n') {
        throw TemplateException.at(src, start, "unterminated character constant");
      }
      if (c == '\\') {
        i += 2;
      } else if (c == '\'') {
        break;
      } else {
        i++;
      }
    }
    pos = i + 1;
    String raw = src.substring(start, pos);
    tokens.add(new Token(Kind.NUMBER, raw, Literals.charConstant(src, start, raw), start));
  }

  private void lexNumber(int start) {
    if (src.charAt(pos) == '+' || src.charAt(pos) == '-') {
      pos++;
    }
    String digits = "0123456789_";
    if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
      pos += 2;
      digits = "0123456789abcdefABCDEF_";
    } else if (src.startsWith("0o", pos) || src.startsWith("0O", pos)) {
      pos += 2;
      digits = "01234567_";
    } else if (src.startsWith("0b", pos) || src.startsWith("0B", pos)) {
      pos += 2;
      digits = "01_";
    }
    acceptRun(digits);
    if (charAt(pos) == '.') {
      pos++;
      acceptRun(digits);
    }
    boolean hex = digits.length() > 12;
    char e = charAt(pos);
    if (hex ? (e == 'p' || e == 'P') : (e == 'e' || e == 'E')) {
      pos++;
      if (charAt(pos) == '+' || charAt(pos) == '-') {
        pos++;
      }
      acceptRun("0123456789_");
    }
    String text = src.substring(start, pos);
    if (isWordChar(charAt(pos)) || charAt(pos) == '.') {
      scanWord();
      throw TemplateException.at(src, start, "bad number syntax: \"" + src.substring(start, pos) + "\"");
    }
    tokens.add(new Token(Kind.NUMBER, text, Literals.number(src, start, text), start));
  }

  private void acceptRun(String chars) {
    while (pos < src.length() && chars.indexOf(src.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private void scanWord() {
    while (pos < src.length() && isWordChar(src.charAt(pos))) {
      pos++;
    }
  }

  /** Go requires a word to be followed by space, punctuation or the closing delimiter. */
  private void checkTerminator() {
    if (pos >= src.length()) {
      return;
    }
    char c = src.charAt(pos);
    if (isSpace(c) || ".,|:)(=".indexOf(c) >= 0 || src.startsWith("}}", pos)) {
      return;
    }
    throw TemplateException.at(src, pos, "bad character " + describeChar(c));
  }

  private void add(Kind kind, int start) {
    tokens.add(new Token(kind, src.substring(start, pos), null, start));
  }

  private char charAt(int i) {
    return i < src.length() ? src.charAt(i) : 0;
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  private static String describeChar(char c) {
    return String.format("U+%04X '%c'", (int) c, c);
  }
}
