package dev.orun.runner.gha.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recursive-descent parser for GitHub's expression grammar. Precedence, loosest first:
 * {@code ||}, {@code &&}, {@code == !=}, {@code < <= > >=}, {@code !}, then property access,
 * indexing and filters on a primary (literal, context, function call or parenthesised group).
 * Contexts and functions are checked against {@code contexts} and {@link Functions} here, so a
 * typo fails at parse time with its position.
 */
public final class Parser {

    private final List<Token> tokens;
    private final Set<String> contexts;
    private int pos;

    private Parser(List<Token> tokens, Set<String> contexts) {
        this.tokens = tokens;
        this.contexts = contexts;
    }

    /** Parses {@code source}; {@code contexts} are the named values it may use (lower case). */
    static Node parse(String source, Set<String> contexts) {
        Parser parser = new Parser(Lexer.tokenize(source), contexts);
        if (parser.peek().kind() == Token.Kind.END) {
            throw new ExpressionException("empty expression");
        }
        Node node = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Token.Kind.END) {
            throw unexpected(rest);
        }
        return node;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token take() {
        return tokens.get(pos++);
    }

    private boolean accept(Token.Kind kind) {
        if (peek().kind() == kind) {
            pos++;
            return true;
        }
        return false;
    }

    private Token expect(Token.Kind kind, String what) {
        Token token = peek();
        if (token.kind() != kind) {
            throw new ExpressionException("expected " + what + " at position "
                    + (token.position() + 1) + ", found " + describe(token));
        }
        return take();
    }

    private Node or() {
        Node left = and();
        while (accept(Token.Kind.OR)) {
            left = new Node.Or(left, and());
        }
        return left;
    }

    private Node and() {
        Node left = equality();
        while (accept(Token.Kind.AND)) {
            left = new Node.And(left, equality());
        }
        return left;
    }

    private Node equality() {
        Node left = comparison();
        while (peek().kind() == Token.Kind.EQ || peek().kind() == Token.Kind.NE) {
            Token.Kind op = take().kind();
            left = new Node.Compare(op, left, comparison());
        }
        return left;
    }

    private Node comparison() {
        Node left = unary();
        while (Set.of(Token.Kind.LT, Token.Kind.LE, Token.Kind.GT, Token.Kind.GE)
                .contains(peek().kind())) {
            Token.Kind op = take().kind();
            left = new Node.Compare(op, left, unary());
        }
        return left;
    }

    private Node unary() {
        if (accept(Token.Kind.NOT)) {
            return new Node.Not(unary());
        }
        return postfix(primary());
    }

    private Node primary() {
        Token token = take();
        switch (token.kind()) {
            case NULL, BOOLEAN, NUMBER, STRING:
                return new Node.Literal(token.value());
            case LPAREN: {
                Node inner = or();
                expect(Token.Kind.RPAREN, "')'");
                return inner;
            }
            case IDENTIFIER:
                if (peek().kind() == Token.Kind.LPAREN) {
                    return call(token);
                }
                String name = token.text().toLowerCase(Locale.ROOT);
                if (!contexts.contains(name)) {
                    throw new ExpressionException("unrecognized named-value '" + token.text()
                            + "' at position " + (token.position() + 1) + " (available: "
                            + String.join(", ", new java.util.TreeSet<>(contexts)) + ")");
                }
                return new Node.Context(name);
            default:
                throw unexpected(token);
        }
    }

    private Node call(Token name) {
        take(); // (
        List<Node> arguments = new ArrayList<>();
        if (!accept(Token.Kind.RPAREN)) {
            do {
                arguments.add(or());
            } while (accept(Token.Kind.COMMA));
            expect(Token.Kind.RPAREN, "',' or ')'");
        }
        String function = Functions.canonicalName(name.text());
        if (function == null) {
            throw new ExpressionException("unknown function '" + name.text() + "' at position "
                    + (name.position() + 1));
        }
        Functions.checkArity(function, arguments.size());
        return new Node.Call(function, arguments);
    }

    private Node postfix(Node target) {
        Node node = target;
        while (true) {
            if (accept(Token.Kind.DOT)) {
                if (accept(Token.Kind.STAR)) {
                    node = new Node.Filter(node);
                    continue;
                }
                Token name = peek();
                if (name.kind() != Token.Kind.IDENTIFIER && name.kind() != Token.Kind.NULL
                        && name.kind() != Token.Kind.BOOLEAN) {
                    throw new ExpressionException("expected a property name after '.' at position "
                            + (name.position() + 1) + ", found " + describe(name));
                }
                take();
                node = new Node.Property(node, name.text());
            } else if (accept(Token.Kind.LBRACKET)) {
                if (accept(Token.Kind.STAR)) {
                    node = new Node.Filter(node);
                } else {
                    Node index = or();
                    node = index instanceof Node.Literal literal && literal.value() instanceof String s
                            ? new Node.Property(node, s) : new Node.Index(node, index);
                }
                expect(Token.Kind.RBRACKET, "']'");
            } else {
                return node;
            }
        }
    }

    private static ExpressionException unexpected(Token token) {
        return new ExpressionException("unexpected " + describe(token) + " at position "
                + (token.position() + 1));
    }

    private static String describe(Token token) {
        return token.kind() == Token.Kind.END ? "end of expression" : "'" + token.text() + "'";
    }
}
