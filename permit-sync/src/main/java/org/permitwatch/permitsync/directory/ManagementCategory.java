package org.permitwatch.permitsync.directory;

import java.util.Optional;

/** Management category (管理类别) of a discharge unit, with the platform's label. */
public enum ManagementCategory {
    KEY("重点管理"),
    SIMPLIFIED("简化管理"),
    REGISTRATION("登记管理");

    private final String label;

    ManagementCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static Optional<ManagementCategory> fromLabel(String label) {
        for (ManagementCategory c : values()) {
            if (c.label.equals(label)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
