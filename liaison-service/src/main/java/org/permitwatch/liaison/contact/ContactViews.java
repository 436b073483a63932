package org.permitwatch.liaison.contact;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Masking;
import org.permitwatch.support.security.Role;

/** Response shape of the liaison directory and who may read its personal data. */
final class ContactViews {

    private ContactViews() {
    }

    record Contact(UUID id, String role, String divisionCode, String personName, String organisation, String position,
                   String phone, String email, String remarks, int sortOrder, boolean active,
                   OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        /** The same entry with phone and e-mail masked unless {@link #clearFor} allows them. */
        Contact forCaller(Caller caller) {
            return clearFor(caller, this) ? this : new Contact(id, role, divisionCode, personName, organisation, position,
                    Masking.phone(phone), Masking.email(email), remarks, sortOrder, active, createdAt, updatedAt);
        }
    }

    /**
     * Who sees a liaison's phone and e-mail unmasked (the notice is not public, 此件不予公开):
     * <ul>
     *   <li>any PROVINCE caller, and anyone holding {@code pii:read};</li>
     *   <li>callers of the liaison's own city — the city bureau and its county branches and inspectors
     *       (140105 belongs to 140100), since they work with their liaisons daily;</li>
     *   <li>everyone, for province contacts: they are the points of contact the province hands to all cities.</li>
     * </ul>
     * Everyone else (another city) gets masks. The list scope already hides other cities' rows; the masks are the
     * second line for any path (export, future cross-city views) that shows them.
     */
    static boolean clearFor(Caller caller, Contact contact) {
        if (caller.canReadPersonalData() || caller.hasRole(Role.PROVINCE)) {
            return true;
        }
        if (ContactRole.PROVINCE.name().equals(contact.role())) {
            return true;
        }
        if (!DivisionCode.isValid(contact.divisionCode())) {
            return false;
        }
        return DivisionCode.of(contact.divisionCode()).cityCode().equals(caller.division().cityCode());
    }
}
