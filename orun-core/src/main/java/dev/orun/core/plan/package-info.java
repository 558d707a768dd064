/**
 * The compiled plan: {@link dev.orun.core.plan.Plan}, its {@link dev.orun.core.plan.Job jobs} and
 * {@link dev.orun.core.plan.Step steps}, job identity ({@link dev.orun.core.plan.JobId}) and the
 * canonical serialisation with its checksum ({@link dev.orun.core.plan.PlanJson}).
 */
package dev.orun.core.plan;
