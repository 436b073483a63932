package org.permitwatch.inspection.remote;

/** The remote-check rules (非现场监管 on permit data, DOMAIN.md §8). */
enum RemoteRule {
    /** Permit expired, revoked, cancelled or withdrawn while the unit is still listed as operating. */
    PERMIT_NOT_VALID_BUT_OPERATING,
    /** Management category lower than the industry's rule requires (违规降低管理级别). */
    CATEGORY_TOO_LOW
}
