package com.example.hotline.auth;

/** A signed-in person: name and role ({@code admin}, {@code quality}, {@code agent}). Immutable. */
public record User(long id, String username, String role) {}
