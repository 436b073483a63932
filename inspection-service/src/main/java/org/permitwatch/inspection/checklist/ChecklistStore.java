package org.permitwatch.inspection.checklist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Write side of checklists: drafts and publication. A province version holds the complete ten items; a city's
 * version holds only its additions and names the province version it extends. Once published, neither the
 * version nor its items can change (the database triggers of V4 refuse it too).
 */
@Component
class ChecklistStore {

    static final String CODE_PREFIX = "PWXK-QD-";

    private final DatabaseClient db;
    private final ChecklistRows rows;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    ChecklistStore(DatabaseClient db, ChecklistRows rows, AuditLog audit, ReactiveTransactionManager transactions) {
        this.db = db;
        this.rows = rows;
        this.audit = audit;
        this.tx = WholeTransactions.create(transactions);
    }

    /** Creates a DRAFT version for the caller's province (PROVINCE) or city (CITY); emits its id. */
    Mono<UUID> create(ChecklistDraft draft, Caller caller) {
        boolean province = caller.hasRole(Role.PROVINCE) && caller.division().level() == DivisionCode.Level.PROVINCE;
        boolean city =
                !province && caller.hasRole(Role.CITY) && caller.division().level() == DivisionCode.Level.CITY;
        if (!province && !city) {
            return Mono.error(ApiException.forbidden(
                    "checklist-write-forbidden",
                    "only the province publishes checklists and a city bureau adds its own items"));
        }
        List<ChecklistValidator.ValidItem> items = ChecklistValidator.validate(draft, province);
        String division = caller.division().value();
        Mono<Void> baseCheck = province ? Mono.empty() : requireProvinceBase(draft.basedOn(), caller);
        Mono<UUID> write = baseCheck
                .then(insertVersion(
                        CODE_PREFIX + division,
                        division,
                        draft.basedOn(),
                        draft.title().trim(),
                        draft.note(),
                        caller.subject(),
                        items))
                .flatMap(id -> audit.record(
                                "checklist.create",
                                "checklist_version",
                                id.toString(),
                                Map.of("items", items.size(), "basedOn", String.valueOf(draft.basedOn())))
                        .thenReturn(id));
        return tx.transactional(write)
                .onErrorMap(
                        DataIntegrityViolationException.class,
                        e -> ApiException.conflict(
                                "checklist-version-conflict", "another version was created at the same time, retry"));
    }

    /** Publishes a DRAFT of the caller's own division. */
    Mono<Void> publish(UUID id, Caller caller) {
        Mono<Void> write = db.sql("SELECT division_code, status FROM checklist_version WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(r -> new String[] {r.get("division_code", String.class), r.get("status", String.class)})
                .one()
                .filter(v -> caller.canSee(v[0])
                        || v[0].equals(caller.division().provinceCode().value()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("not-found", "no checklist version " + id)))
                .flatMap(v -> {
                    boolean own = v[0].equals(caller.division().value())
                            && (caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY));
                    if (!own) {
                        return Mono.error(ApiException.forbidden(
                                "checklist-write-forbidden", "only the division that drafted a version publishes it"));
                    }
                    if ("PUBLISHED".equals(v[1])) {
                        return Mono.error(ApiException.conflict(
                                "checklist-version-published",
                                "version " + id + " is already published and immutable"));
                    }
                    return markPublished(id)
                            .then(audit.record("checklist.publish", "checklist_version", id.toString(), Map.of()));
                });
        return tx.transactional(write);
    }

    Mono<Void> markPublished(UUID id) {
        return db.sql(
                        "UPDATE checklist_version SET status = 'PUBLISHED', published_at = now() WHERE id = :id AND status = 'DRAFT'")
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Inserts a DRAFT version with the next version number of {@code code} and its items. */
    Mono<UUID> insertVersion(
            String code,
            String division,
            UUID basedOn,
            String title,
            String note,
            String createdBy,
            List<ChecklistValidator.ValidItem> items) {
        UUID id = UUID.randomUUID();
        var spec = db.sql("""
                        INSERT INTO checklist_version (id, code, version, division_code, based_on, status, title, note, created_by)
                        SELECT :id, :code, coalesce(max(version), 0) + 1, :division, :basedOn, 'DRAFT', :title, :note, :createdBy
                          FROM checklist_version WHERE code = :code""")
                .bind("id", id)
                .bind("code", code)
                .bind("division", division)
                .bind("title", title)
                .bind("createdBy", createdBy);
        spec = basedOn == null ? spec.bindNull("basedOn", UUID.class) : spec.bind("basedOn", basedOn);
        spec = note == null ? spec.bindNull("note", String.class) : spec.bind("note", note);
        String rowPrefix = basedOn == null ? "" : division + ".";
        return spec.fetch()
                .rowsUpdated()
                .thenMany(Flux.fromIterable(items).concatMap(item -> insertItem(id, rowPrefix, item)))
                .then(Mono.just(id));
    }

    private Mono<Void> insertItem(UUID versionId, String rowPrefix, ChecklistValidator.ValidItem item) {
        String code = rowPrefix + item.itemNo() + "." + item.industryKey();
        List<ChecklistItemView.SubPoint> subPoints = new ArrayList<>();
        for (int i = 0; i < item.subPoints().size(); i++) {
            subPoints.add(new ChecklistItemView.SubPoint(
                    code + "." + (i + 1),
                    item.subPoints().get(i),
                    item.subPointArticles().get(i)));
        }
        var spec = db.sql("""
                        INSERT INTO checklist_item (id, version_id, item_no, key_industry, code, title, sub_points, legal_basis,
                                                    check_method, evidence_required, violation_type, article)
                        VALUES (:id, :version, :itemNo, :industry, :code, :title, CAST(:subPoints AS jsonb), :legalBasis,
                                :method, CAST(:evidence AS jsonb), :violation, :article)""")
                .bind("id", UUID.randomUUID())
                .bind("version", versionId)
                .bind("itemNo", item.itemNo())
                .bind("code", code)
                .bind("title", item.title())
                .bind("subPoints", rows.write(subPoints))
                .bind("legalBasis", item.legalBasis())
                .bind("method", item.checkMethod().name())
                .bind("evidence", rows.write(item.evidenceRequired()))
                .bind("violation", item.violationType().name())
                .bind("article", item.article());
        spec = item.keyIndustry() == null
                ? spec.bindNull("industry", String.class)
                : spec.bind("industry", item.keyIndustry().name());
        return spec.then();
    }

    private Mono<Void> requireProvinceBase(UUID basedOn, Caller caller) {
        return db.sql("SELECT 1 FROM checklist_version WHERE id = :id AND based_on IS NULL AND status = 'PUBLISHED' "
                        + "AND division_code = :province")
                .bind("id", basedOn)
                .bind("province", caller.division().provinceCode().value())
                .map(r -> 1)
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.invalidField(
                        "basedOn", "must be a published version of your province's checklist", basedOn)))
                .then();
    }
}
