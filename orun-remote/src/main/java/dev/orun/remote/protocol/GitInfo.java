package dev.orun.remote.protocol;


/** Where a run's plan came from in git (all fields best effort). */
public record GitInfo(String commit, String ref, boolean dirty) {}
