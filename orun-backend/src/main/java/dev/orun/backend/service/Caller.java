package dev.orun.backend.service;

/** Who makes a request, as recorded on events ({@code actor.id}, {@code actor.type}). */
public record Caller(String id, String type) {}
