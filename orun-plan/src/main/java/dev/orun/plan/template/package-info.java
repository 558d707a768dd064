/**
 * The subset of Go's {@code text/template} that composition steps use ({@link
 * dev.orun.plan.template.GoTemplate}), with SPEC's missing-key rule and {@code ${{ }}} passthrough.
 */
package dev.orun.plan.template;
