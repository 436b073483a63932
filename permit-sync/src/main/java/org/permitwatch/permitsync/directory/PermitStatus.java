package org.permitwatch.permitsync.directory;

import java.util.Optional;

/** Permit status with the platform's label. Every status but VALID means discharging counts as 无证排污. */
public enum PermitStatus {
    VALID("有效"),
    EXPIRED("过期"),
    REVOKED("撤销"),
    CANCELLED("注销"),
    WITHDRAWN("吊销");

    private final String label;

    PermitStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether a unit in this status that still discharges does so without a permit (Regulation art. 33). */
    public boolean withoutPermit() {
        return this != VALID;
    }

    static Optional<PermitStatus> fromLabel(String label) {
        for (PermitStatus s : values()) {
            if (s.label.equals(label)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
