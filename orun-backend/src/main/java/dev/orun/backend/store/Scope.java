package dev.orun.backend.store;

/** The tenant a request acts in: an (org, project) pair from the URL path. */
public record Scope(String org, String project) {}
