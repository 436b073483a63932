package org.permitwatch.identity.keys;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A row of {@code signing_key} without its private part (what the admin API lists). */
public record SigningKey(
        String kid,

        @Schema(allowableValues = {SigningKeyStore.ACTIVE, SigningKeyStore.RETIRED})
        String state,

        Instant createdAt,
        Instant retiredAt,
        Instant publishUntil) {}
