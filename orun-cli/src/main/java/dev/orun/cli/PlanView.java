package dev.orun.cli;

/** How {@code orun plan} and {@code orun plan show} print a plan. */
public enum PlanView {
    dag, dependencies, json
}
