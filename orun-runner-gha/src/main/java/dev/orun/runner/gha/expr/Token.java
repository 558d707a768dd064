package dev.orun.runner.gha.expr;

/** One lexical token of an expression; {@code position} is the 0-based offset of its start. */
record Token(Kind kind, String text, Object value, int position) {

    enum Kind {
        NULL, BOOLEAN, NUMBER, STRING, IDENTIFIER,
        LPAREN, RPAREN, LBRACKET, RBRACKET, DOT, COMMA, STAR,
        NOT, LT, LE, GT, GE, EQ, NE, AND, OR,
        END
    }
}
