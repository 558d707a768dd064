/**
 * The subset of Go's {@code text/template} that composition steps use ({@link
 * dev.orun.plan.template.GoTemplate}), with orun's missing-key rule
 * (docs/decisions/template-missing-keys-and-expressions.md) and {@code ${{ }}} passthrough.
 */
package dev.orun.plan.template;
