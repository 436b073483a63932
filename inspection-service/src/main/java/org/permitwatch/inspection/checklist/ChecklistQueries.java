package org.permitwatch.inspection.checklist;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read side of the checklist API. Visibility is decided in SQL: everybody sees the province's published versions
 * and those of their own city; drafts only within the division that drafts them; the province sees every city's.
 */
@Component
class ChecklistQueries {

    private static final String VERSION_COLUMNS =
            "v.id, v.code, v.version, v.division_code, v.based_on, v.status, v.title, "
                    + "v.note, v.published_at, v.created_at, (SELECT count(*) FROM checklist_item i WHERE i.version_id = v.id) AS item_count";
    private static final String VISIBLE = """
            ((v.division_code = :province OR v.division_code = :city OR v.division_code LIKE :provinceWide)
             AND (v.status = 'PUBLISHED' OR v.division_code = :own))""";

    private final DatabaseClient db;
    private final ChecklistRows rows;

    ChecklistQueries(DatabaseClient db, ChecklistRows rows) {
        this.db = db;
        this.rows = rows;
    }

    Flux<ChecklistViews.Version> list(Caller caller, long offset, int limit) {
        return scope(
                        db.sql("SELECT " + VERSION_COLUMNS + " FROM checklist_version v WHERE " + VISIBLE
                                + " ORDER BY v.division_code, v.code, v.version DESC LIMIT :limit OFFSET :offset"),
                        caller)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(ChecklistQueries::version)
                .all();
    }

    Mono<Long> count(Caller caller) {
        return scope(db.sql("SELECT count(*) AS n FROM checklist_version v WHERE " + VISIBLE), caller)
                .map(r -> r.get("n", Long.class))
                .one();
    }

    /** Empty when unknown or not visible to the caller: they cannot tell which. */
    Mono<ChecklistViews.Version> find(UUID id, Caller caller) {
        return scope(
                        db.sql("SELECT " + VERSION_COLUMNS + " FROM checklist_version v WHERE v.id = :id AND "
                                + VISIBLE),
                        caller)
                .bind("id", id)
                .map(ChecklistQueries::version)
                .one();
    }

    /** The version's own rows, optionally only the general rows plus those of one industry. */
    Flux<ChecklistItemView> items(UUID versionId, KeyIndustry industry) {
        String filter = industry == null
                ? ""
                : industry.hasOwnList()
                        ? " AND (key_industry = :industry OR key_industry IS NULL)"
                        : " AND key_industry IS NULL";
        var spec = db.sql("SELECT " + ChecklistRows.ITEM_COLUMNS + " FROM checklist_item WHERE version_id = :version"
                        + filter + " ORDER BY item_no, key_industry NULLS FIRST")
                .bind("version", versionId);
        if (industry != null && industry.hasOwnList()) {
            spec = spec.bind("industry", industry.name());
        }
        return spec.map(rows::item).all();
    }

    private static DatabaseClient.GenericExecuteSpec scope(DatabaseClient.GenericExecuteSpec spec, Caller caller) {
        DivisionCode division = caller.division();
        boolean province = division.level() == DivisionCode.Level.PROVINCE;
        return spec.bind("province", division.provinceCode().value())
                .bind("city", division.cityCode().value())
                // Only the province sees every city's versions; for others this pattern matches nothing.
                .bind("provinceWide", province ? division.likePattern() : "-")
                // Drafts are work in progress of the bureau that writes them, not of its inspectors.
                .bind("own", caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY) ? division.value() : "-");
    }

    private static ChecklistViews.Version version(Readable r) {
        return new ChecklistViews.Version(
                r.get("id", UUID.class),
                r.get("code", String.class),
                r.get("version", Integer.class),
                r.get("division_code", String.class),
                r.get("based_on", UUID.class),
                r.get("status", String.class),
                r.get("title", String.class),
                r.get("note", String.class),
                r.get("published_at", OffsetDateTime.class),
                r.get("created_at", OffsetDateTime.class),
                r.get("item_count", Long.class));
    }
}
