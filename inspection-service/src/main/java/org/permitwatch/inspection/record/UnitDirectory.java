package org.permitwatch.inspection.record;

import java.time.OffsetDateTime;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The local directory projection: a unit's snapshot (permit limits) and the last-inspected feedback. */
@Component
class UnitDirectory {

    private final DatabaseClient db;
    private final JsonMapper json;

    UnitDirectory(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<DirectoryUnitSnapshot> snapshot(String permitNumber) {
        return db.sql("SELECT snapshot::text AS snapshot FROM directory_unit WHERE permit_number = :permit")
                .bind("permit", permitNumber)
                .map(r -> r.get("snapshot", String.class))
                .one()
                .map(this::parse);
    }

    /** A snapshot as the projection stores it (JSON), read elsewhere: a task's read returns it with the task. */
    DirectoryUnitSnapshot parse(String snapshot) {
        return json.readValue(snapshot, DirectoryUnitSnapshot.class);
    }

    /** Never moves the date backwards: a correction of an older inspection must not hide a newer one. */
    Mono<Void> markInspected(String permitNumber, OffsetDateTime inspectedAt) {
        return db.sql("""
                        UPDATE directory_unit SET last_inspected_at = GREATEST(last_inspected_at, :at)
                        WHERE permit_number = :permit""").bind("at", inspectedAt).bind("permit", permitNumber).then();
    }
}
