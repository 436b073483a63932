package org.permitwatch.liaison.contact;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.Masking;

/** Response shape of the liaison directory and who may read its personal data. */
final class ContactViews {

    private ContactViews() {}

    record Contact(
            UUID id,
            String role,
            String divisionCode,
            String personName,
            String organisation,
            String position,
            String phone,
            String email,
            String remarks,
            int sortOrder,
            boolean active,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        /** The same entry with phone and e-mail masked unless {@link #clearFor} allows them. */
        Contact forCaller(Caller caller) {
            return clearFor(caller, this)
                    ? this
                    : new Contact(
                            id,
                            role,
                            divisionCode,
                            personName,
                            organisation,
                            position,
                            Masking.phone(phone),
                            Masking.email(email),
                            remarks,
                            sortOrder,
                            active,
                            createdAt,
                            updatedAt);
        }
    }

    /**
     * Only a caller holding {@code pii:read} sees a liaison's phone and e-mail in clear — whatever its role or city,
     * and for province contacts too (issue 11 item 5; the README and the architecture promise masking for anyone
     * without the right). Division scope decides which rows a caller sees; this decides how their personal data
     * reads, and every path that returns contacts (list, detail, create/update answers, export.xlsx) goes through it.
     * Notifications sent <em>to</em> the liaisons use the stored addresses and are not responses.
     */
    static boolean clearFor(Caller caller, Contact contact) {
        return caller.canReadPersonalData();
    }
}
