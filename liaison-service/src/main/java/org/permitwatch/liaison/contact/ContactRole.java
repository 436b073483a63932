package org.permitwatch.liaison.contact;

import java.util.Arrays;
import java.util.Optional;

/** What a liaison contact stands for; stored as the enum name in {@code liaison_contact.role}. */
public enum ContactRole {

    /** The city's liaison in the environmental enforcement body (环境执法机构). */
    ENFORCEMENT("执法机构联络员"),
    /** The city's liaison in the permit-issuing department (排污许可证核发部门). */
    PERMIT_ISSUING("核发部门联络员"),
    /** A contact of the provincial bureau. */
    PROVINCE("省厅联系人");

    private final String label;

    ContactRole(String label) {
        this.label = label;
    }

    /** The label printed in the 备注 column of the 附件4 export. */
    public String label() {
        return label;
    }

    /** One per city for ENFORCEMENT and PERMIT_ISSUING; any number of province contacts. */
    boolean cityLevel() {
        return this != PROVINCE;
    }

    static Optional<ContactRole> parse(String value) {
        return Arrays.stream(values()).filter(r -> r.name().equals(value)).findFirst();
    }
}
