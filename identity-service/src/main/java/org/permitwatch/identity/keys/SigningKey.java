package org.permitwatch.identity.keys;

import java.time.Instant;

/** A row of {@code signing_key} without its private part (what the admin API lists). */
public record SigningKey(String kid, String state, Instant createdAt, Instant retiredAt, Instant publishUntil) {}
