package dev.orun.runner.gha.expr;

/**
 * An expression that cannot be parsed or evaluated. The message names the expression and the
 * reason, so a step that fails on it says exactly what to fix; expressions never quietly become
 * empty strings.
 */
public final class ExpressionException extends RuntimeException {

    public ExpressionException(String message) {
        super(message);
    }

    /** The same problem, with the expression it occurred in. */
    public ExpressionException in(String expression) {
        return new ExpressionException("${{ " + expression.strip() + " }}: " + getMessage());
    }
}
