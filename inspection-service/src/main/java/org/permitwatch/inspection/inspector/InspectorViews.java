package org.permitwatch.inspection.inspector;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.Masking;

/** Response shapes of the inspector directory. */
final class InspectorViews {

    private InspectorViews() {}

    record Inspector(
            UUID id,
            String certificateNo,
            String name,
            String divisionCode,
            List<String> specialties,
            boolean onPost,
            String phone,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        /** The phone number is personal data: masked unless the caller holds pii:read or it is their own entry. */
        Inspector forCaller(Caller caller) {
            boolean clear = caller.canReadPersonalData() || id.toString().equals(caller.subject());
            return clear
                    ? this
                    : new Inspector(
                            id,
                            certificateNo,
                            name,
                            divisionCode,
                            specialties,
                            onPost,
                            Masking.phone(phone),
                            createdAt,
                            updatedAt);
        }
    }

    record Conflict(UUID inspectorId, String permitNumber, String reason, OffsetDateTime declaredAt) {}
}
