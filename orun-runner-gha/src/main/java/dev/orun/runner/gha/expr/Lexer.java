package dev.orun.runner.gha.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens: literals ({@code null}, {@code true}, {@code false}, numbers
 * in decimal, exponent or {@code 0x} hex form, single-quoted strings with {@code ''} for a quote),
 * identifiers (letters, digits, {@code _} and {@code -}, as in {@code steps.my-step.outputs}),
 * punctuation and the operators {@code ! < <= > >= == != && ||}.
 */
final class Lexer {

    private final String source;
    private int pos;

    private Lexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) {
        return new Lexer(source).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= source.length()) {
                tokens.add(new Token(Token.Kind.END, "", null, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpace() {
        while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
            pos++;
        }
    }

    private Token next() {
        int start = pos;
        char c = source.charAt(pos);
        switch (c) {
            case '(': pos++; return token(Token.Kind.LPAREN, start);
            case ')': pos++; return token(Token.Kind.RPAREN, start);
            case '[': pos++; return token(Token.Kind.LBRACKET, start);
            case ']': pos++; return token(Token.Kind.RBRACKET, start);
            case ',': pos++; return token(Token.Kind.COMMA, start);
            case '*': pos++; return token(Token.Kind.STAR, start);
            case '\'': return string(start);
            case '!': return twoChar('=', Token.Kind.NE, Token.Kind.NOT, start);
            case '<': return twoChar('=', Token.Kind.LE, Token.Kind.LT, start);
            case '>': return twoChar('=', Token.Kind.GE, Token.Kind.GT, start);
            case '=': return pair('=', Token.Kind.EQ, start);
            case '&': return pair('&', Token.Kind.AND, start);
            case '|': return pair('|', Token.Kind.OR, start);
            default:
                break;
        }
        if (c == '.') {
            if (pos + 1 < source.length() && Character.isDigit(source.charAt(pos + 1))
                    && !previousEndsValue(start)) {
                return number(start);
            }
            pos++;
            return token(Token.Kind.DOT, start);
        }
        if (Character.isDigit(c) || ((c == '-' || c == '+') && startsNumber(pos + 1))) {
            return number(start);
        }
        if (Character.isLetter(c) || c == '_') {
            return word(start);
        }
        throw new ExpressionException("unexpected character '" + c + "' at position " + (start + 1));
    }

    private boolean previousEndsValue(int start) {
        int i = start - 1;
        return i >= 0 && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == ']'
                || source.charAt(i) == ')' || source.charAt(i) == '_' || source.charAt(i) == '*');
    }

    private boolean startsNumber(int at) {
        return at < source.length() && (Character.isDigit(source.charAt(at))
                || source.charAt(at) == '.' && at + 1 < source.length()
                && Character.isDigit(source.charAt(at + 1)));
    }

    private Token token(Token.Kind kind, int start) {
        return new Token(kind, source.substring(start, pos), null, start);
    }

    private Token twoChar(char second, Token.Kind ifPair, Token.Kind single, int start) {
        pos++;
        if (pos < source.length() && source.charAt(pos) == second) {
            pos++;
            return token(ifPair, start);
        }
        return token(single, start);
    }

    private Token pair(char second, Token.Kind kind, int start) {
        pos++;
        if (pos < source.length() && source.charAt(pos) == second) {
            pos++;
            return token(kind, start);
        }
        throw new ExpressionException("unexpected character '" + source.charAt(start)
                + "' at position " + (start + 1) + " (did you mean '" + source.charAt(start)
                + second + "'?)");
    }

    private Token string(int start) {
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < source.length()) {
            char c = source.charAt(pos++);
            if (c == '\'') {
                if (pos < source.length() && source.charAt(pos) == '\'') {
                    text.append('\'');
                    pos++;
                    continue;
                }
                return new Token(Token.Kind.STRING, source.substring(start, pos), text.toString(), start);
            }
            text.append(c);
        }
        throw new ExpressionException("unterminated string starting at position " + (start + 1));
    }

    private Token number(int start) {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            boolean exponentSign = (c == '-' || c == '+') && pos > start
                    && (source.charAt(pos - 1) == 'e' || source.charAt(pos - 1) == 'E')
                    && !source.substring(start, pos).toLowerCase().startsWith("0x")
                    && !source.substring(start, pos).toLowerCase().startsWith("-0x");
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign
                    || pos == start && (c == '-' || c == '+')) {
                pos++;
            } else {
                break;
            }
        }
        String text = source.substring(start, pos);
        double value = Values.parseNumber(text);
        if (Double.isNaN(value)) {
            throw new ExpressionException("invalid number '" + text + "' at position " + (start + 1));
        }
        return new Token(Token.Kind.NUMBER, text, value, start);
    }

    private Token word(int start) {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
                pos++;
            } else {
                break;
            }
        }
        String text = source.substring(start, pos);
        return switch (text) {
            case "null" -> new Token(Token.Kind.NULL, text, null, start);
            case "true" -> new Token(Token.Kind.BOOLEAN, text, Boolean.TRUE, start);
            case "false" -> new Token(Token.Kind.BOOLEAN, text, Boolean.FALSE, start);
            case "NaN" -> new Token(Token.Kind.NUMBER, text, Double.NaN, start);
            case "Infinity" -> new Token(Token.Kind.NUMBER, text, Double.POSITIVE_INFINITY, start);
            default -> new Token(Token.Kind.IDENTIFIER, text, null, start);
        };
    }
}
