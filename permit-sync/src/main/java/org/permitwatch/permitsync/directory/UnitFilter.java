package org.permitwatch.permitsync.directory;

import org.permitwatch.events.vocabulary.KeyIndustry;

/** Validated filters of the unit list; null = no restriction. {@code divisionLike} is always set. */
record UnitFilter(
        String divisionLike,
        String industryCode,
        KeyIndustry keyIndustry,
        ManagementCategory category,
        PermitStatus status,
        SourceType sourceType,
        String text) {}
