package org.permitwatch.permitsync.directory;

import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.permitwatch.events.Topics;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.permitsync.connector.PermitDetail;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The write side of the directory used by the sync: one batched version lookup per page and one batched,
 * version-guarded upsert per page, each applied change followed by its snapshot event in the outbox. Callers
 * run {@link #apply} inside their page transaction so rows, events and run counters commit together.
 */
@Component
public class DirectoryStore {

    /** An older or equal version never replaces a stored one; the WHERE makes that atomic per row. */
    private static final String UPSERT = """
            INSERT INTO directory_unit (permit_no, uscc, unit_name, province_code, city_code, county_code, industry_code,
                industry_name, key_industry, management_category, status, issue_date, valid_from, valid_to,
                issuing_authority, without_permit, source_type, positive_list, address, legal_representative,
                longitude, latitude, outlets, obligations, version, platform_updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
                CAST($23 AS jsonb), CAST($24 AS jsonb), $25, $26)
            ON CONFLICT (permit_no) DO UPDATE SET
                uscc = EXCLUDED.uscc, unit_name = EXCLUDED.unit_name, province_code = EXCLUDED.province_code,
                city_code = EXCLUDED.city_code, county_code = EXCLUDED.county_code,
                industry_code = EXCLUDED.industry_code, industry_name = EXCLUDED.industry_name,
                key_industry = EXCLUDED.key_industry, management_category = EXCLUDED.management_category,
                status = EXCLUDED.status, issue_date = EXCLUDED.issue_date, valid_from = EXCLUDED.valid_from,
                valid_to = EXCLUDED.valid_to, issuing_authority = EXCLUDED.issuing_authority,
                without_permit = EXCLUDED.without_permit, source_type = EXCLUDED.source_type,
                positive_list = EXCLUDED.positive_list, address = EXCLUDED.address,
                legal_representative = EXCLUDED.legal_representative, longitude = EXCLUDED.longitude,
                latitude = EXCLUDED.latitude, outlets = EXCLUDED.outlets, obligations = EXCLUDED.obligations,
                version = EXCLUDED.version, platform_updated_at = EXCLUDED.platform_updated_at, changed_at = now()
            WHERE directory_unit.version < EXCLUDED.version
            RETURNING (xmax = 0) AS inserted,
            """ + UnitRows.COLUMNS;

    private final DatabaseClient db;
    private final UnitMapper mapper;
    private final UnitRows rows;
    private final OutboxWriter outbox;

    DirectoryStore(DatabaseClient db, UnitMapper mapper, UnitRows rows, OutboxWriter outbox) {
        this.db = db;
        this.mapper = mapper;
        this.rows = rows;
        this.outbox = outbox;
    }

    /** What the directory holds for a permit, as far as the sync needs to know (fed-back counts included). */
    public record StoredState(long version, int violationCount, int fineCount) {

        public StoredState(long version, int violationCount) {
            this(version, violationCount, 0);
        }
    }

    /** A permit the directory refused, with the reason. */
    public record Rejected(String permitNo, String reason) {}

    /**
     * @param created   entries inserted
     * @param updated   entries replaced by a newer version
     * @param unchanged permits whose stored version was already as new (e.g. stored by a concurrent page)
     * @param rejected  permits that could not be mapped
     */
    public record ApplyResult(int created, int updated, int unchanged, List<Rejected> rejected) {}

    /** One query for the whole page: the stored version of each permit that is in the directory. */
    public Mono<Map<String, StoredState>> storedStates(Collection<String> permitNos) {
        if (permitNos.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql(
                        "SELECT permit_no, version, violation_count, fine_count FROM directory_unit WHERE permit_no = ANY(:nos)")
                .bind("nos", permitNos.toArray(String[]::new))
                .map(r -> Map.entry(
                        r.get("permit_no", String.class),
                        new StoredState(
                                r.get("version", Long.class),
                                r.get("violation_count", Integer.class),
                                r.get("fine_count", Integer.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    /**
     * Upserts the permits (one batched statement), appends a snapshot event per applied change. Must run
     * inside a transaction (the outbox refuses otherwise).
     */
    public Mono<ApplyResult> apply(List<PermitDetail> details, Map<String, StoredState> stored) {
        List<DirectoryUnit> units = new ArrayList<>(details.size());
        List<Rejected> rejected = new ArrayList<>();
        for (PermitDetail detail : details) {
            StoredState state = stored.get(detail.summary().permitNo());
            try {
                units.add(mapper.toUnit(
                        detail, state == null ? 0 : state.violationCount(), state == null ? 0 : state.fineCount()));
            } catch (UnmappablePermitException e) {
                rejected.add(new Rejected(detail.summary().permitNo(), e.getMessage()));
            }
        }
        if (units.isEmpty()) {
            return Mono.just(new ApplyResult(0, 0, 0, rejected));
        }
        // Collect the upsert's rows before writing events: a second statement on the same connection while
        // the first one's rows are still being consumed would wait for it forever.
        return upsert(units)
                .collectList()
                .flatMap(applied -> outbox.appendAll(applied.stream()
                                .map(a -> OutboxMessage.of(
                                        Topics.DIRECTORY_UNITS,
                                        a.unit().permitNo(),
                                        DirectoryUnitSnapshot.TYPE,
                                        a.unit().snapshot()))
                                .toList())
                        .thenReturn(applied))
                .map(applied -> {
                    int created =
                            (int) applied.stream().filter(Applied::inserted).count();
                    int updated = applied.size() - created;
                    return new ApplyResult(created, updated, units.size() - applied.size(), rejected);
                });
    }

    private record Applied(boolean inserted, DirectoryUnit unit) {}

    private Flux<Applied> upsert(List<DirectoryUnit> units) {
        return db.inConnectionMany(connection -> {
            Statement statement = connection.createStatement(UPSERT);
            for (int i = 0; i < units.size(); i++) {
                if (i > 0) {
                    statement.add();
                }
                bind(statement, units.get(i));
            }
            return Flux.from(statement.execute())
                    .concatMap(result -> result.map(row ->
                            new Applied(Boolean.TRUE.equals(row.get("inserted", Boolean.class)), rows.map(row))));
        });
    }

    private void bind(Statement s, DirectoryUnit u) {
        s.bind(0, u.permitNo());
        bindNullable(s, 1, u.uscc(), String.class);
        s.bind(2, u.unitName());
        s.bind(3, u.provinceCode());
        s.bind(4, u.cityCode());
        s.bind(5, u.countyCode());
        s.bind(6, u.industryCode());
        bindNullable(s, 7, u.industryName(), String.class);
        s.bind(8, u.keyIndustry().name());
        s.bind(9, u.managementCategory().name());
        s.bind(10, u.status().name());
        bindNullable(s, 11, u.issueDate(), java.time.LocalDate.class);
        bindNullable(s, 12, u.validFrom(), java.time.LocalDate.class);
        bindNullable(s, 13, u.validTo(), java.time.LocalDate.class);
        bindNullable(s, 14, u.issuingAuthority(), String.class);
        s.bind(15, u.withoutPermit());
        s.bind(16, u.sourceType().name());
        s.bind(17, u.positiveList());
        bindNullable(s, 18, u.address(), String.class);
        bindNullable(s, 19, u.legalRepresentative(), String.class);
        bindNullable(s, 20, u.longitude(), Double.class);
        bindNullable(s, 21, u.latitude(), Double.class);
        s.bind(22, rows.outletsJson(u));
        s.bind(23, rows.obligationsJson(u));
        s.bind(24, u.version());
        s.bind(25, u.platformUpdatedAt());
    }

    private static void bindNullable(Statement s, int index, Object value, Class<?> type) {
        if (value == null) {
            s.bindNull(index, type);
        } else {
            s.bind(index, value);
        }
    }
}
