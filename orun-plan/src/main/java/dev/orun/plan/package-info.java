/** Workspace discovery, declared-model loading, the plan compiler and saved plans. */
package dev.orun.plan;
