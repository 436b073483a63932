package org.permitwatch.liaison.notification;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Reads the addressable liaisons (active, with an e-mail) from the directory owned by the contact feature. */
@Component
class RecipientDirectory {

    private static final String BY_IDS = """
            SELECT id, email, division_code FROM liaison_contact
            WHERE active AND email IS NOT NULL AND email <> '' AND id = ANY(:ids)
            ORDER BY division_code, id
            """;

    private static final String BY_FILTER = """
            SELECT id, email, division_code FROM liaison_contact
            WHERE active AND email IS NOT NULL AND email <> ''
              AND division_code LIKE :pattern
              AND (cardinality(:roles::text[]) = 0 OR role = ANY(:roles::text[]))
            ORDER BY division_code, id
            """;

    private final DatabaseClient db;

    RecipientDirectory(DatabaseClient db) {
        this.db = db;
    }

    Flux<Contact> resolve(NotificationRequest.Recipients recipients) {
        if (recipients.explicit()) {
            return db.sql(BY_IDS)
                    .bind("ids", recipients.contactIds().toArray(UUID[]::new))
                    .map(RecipientDirectory::contact)
                    .all();
        }
        String prefix = recipients.divisionPrefix() == null ? "" : recipients.divisionPrefix();
        return db.sql(BY_FILTER)
                .bind("pattern", prefix + "%")
                .bind("roles", recipients.roles().toArray(String[]::new))
                .map(RecipientDirectory::contact)
                .all();
    }

    private static Contact contact(io.r2dbc.spi.Readable row) {
        return new Contact(
                row.get("id", UUID.class), row.get("email", String.class), row.get("division_code", String.class));
    }

    record Contact(UUID id, String email, String divisionCode) {}
}
