package dev.orun.plan.template;

import dev.orun.plan.template.Token.Kind;
import java.util.List;

/**
 * The parser's position in the lexer's tokens, with the look-ahead and back-tracking Go's grammar
 * needs (a pipeline may start with a variable declaration, which is only known two tokens later).
 * The token list always ends with an EOF token, so reading never runs past the end of a
 * well-formed list.
 */
final class TokenStream {
  private final List<Token> tokens;
  private int index;

  TokenStream(List<Token> tokens) {
    this.tokens = tokens;
  }

  Token next() {
    return tokens.get(index++);
  }

  Token peek() {
    return tokens.get(index);
  }

  /** The token {@code relative} places from the current one ({@code -1}: the one just read). */
  Token peek(int relative) {
    return tokens.get(index + relative);
  }

  /** The token read last. */
  Token previous() {
    return tokens.get(index - 1);
  }

  /** Steps back over the token read last. */
  void back() {
    index--;
  }

  /** The current position, for {@link #reset(int)}. */
  int mark() {
    return index;
  }

  void reset(int mark) {
    index = mark;
  }

  void skipSpaces() {
    while (tokens.get(index).kind == Kind.SPACE) {
      index++;
    }
  }

  Token nextNonSpace() {
    skipSpaces();
    return next();
  }

  Token peekNonSpace() {
    skipSpaces();
    return peek();
  }
}
