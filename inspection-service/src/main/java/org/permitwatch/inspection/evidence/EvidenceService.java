package org.permitwatch.inspection.evidence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.inspection.evidence.EvidenceViews.Declaration;
import org.permitwatch.inspection.evidence.EvidenceViews.Declared;
import org.permitwatch.inspection.evidence.EvidenceViews.Download;
import org.permitwatch.inspection.evidence.EvidenceViews.EvidenceView;
import org.permitwatch.inspection.evidence.EvidenceViews.Upload;
import org.permitwatch.inspection.record.RecordScope;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Evidence files of inspection records (issue 20, ADR 0031): declare → presigned PUT → confirm, where the service
 * reads the object back and keeps it only when its length and SHA-256 are the declared ones. The object key derives
 * from the evidence id, the PUT is create-only, and a declaration is confirmed once: nothing is ever overwritten.
 */
@Service
@EnableConfigurationProperties(EvidenceProperties.class)
class EvidenceService {

    static final String RESOURCE = "evidence_file";

    private final EvidenceRows rows;
    private final ObjectStorage storage;
    private final EvidencePolicy policy;
    private final EvidenceProperties properties;
    private final AuditLog audit;
    private final BureauClock clock;
    private final TransactionalOperator tx;

    EvidenceService(
            EvidenceRows rows,
            ObjectStorage storage,
            EvidencePolicy policy,
            EvidenceProperties properties,
            AuditLog audit,
            BureauClock clock,
            ReactiveTransactionManager transactions) {
        this.rows = rows;
        this.storage = storage;
        this.policy = policy;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.tx = WholeTransactions.create(transactions);
    }

    /** A declared file and whether it is new (201) or a retry of an earlier declaration of the same bytes (200). */
    record Outcome(Declared declared, boolean created) {}

    Mono<Outcome> declare(Caller caller, UUID recordId, Declaration body) {
        RecordScope scope = writable(caller);
        String mediaType = policy.check(body.mediaType(), body.size());
        String sha256 = body.sha256().toLowerCase(Locale.ROOT);
        return rows.recordVisible(recordId, scope)
                .flatMap(visible -> visible ? Mono.just(true) : Mono.error(() -> recordNotFound(recordId)))
                .then(rows.findActive(recordId, sha256)
                        .flatMap(this::retried)
                        .switchIfEmpty(Mono.defer(() -> insert(caller, recordId, body, mediaType, sha256))));
    }

    /** A retried declaration: a fresh upload link while it awaits its bytes, and its expiry moves with the link. */
    private Mono<Outcome> retried(EvidenceRows.Row existing) {
        return declared(existing)
                .flatMap(d -> d.upload() == null
                        ? Mono.just(new Outcome(d, false))
                        : rows.extendUpload(existing.view().id(), d.upload().expiresAt())
                                .thenReturn(new Outcome(d, false)));
    }

    private Mono<Outcome> insert(Caller caller, UUID recordId, Declaration body, String mediaType, String sha256) {
        UUID id = UUID.randomUUID();
        EvidenceView view = new EvidenceView(
                id,
                recordId,
                body.fileName().strip(),
                mediaType,
                body.size(),
                sha256,
                body.takenAt(),
                body.location(),
                EvidenceRows.DECLARED,
                null,
                caller.subject(),
                clock.nowUtc(),
                null,
                null);
        EvidenceRows.Row row = new EvidenceRows.Row(view, objectKey(recordId, id));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recordId", recordId.toString());
        details.put("fileName", view.fileName());
        details.put("sha256", sha256);
        details.put("size", view.size());
        return declared(row)
                .flatMap(fresh -> tx.transactional(
                                rows.insert(row, fresh.upload().expiresAt())
                                        .then(audit.record("evidence.declare", RESOURCE, id.toString(), details)))
                        .thenReturn(new Outcome(fresh, true)))
                // the same bytes declared concurrently (a retry racing the first attempt): answer with that one
                .onErrorResume(
                        DataIntegrityViolationException.class,
                        e -> rows.findActive(recordId, sha256).flatMap(this::retried));
    }

    /**
     * Reads the object back and keeps it when length and SHA-256 match; otherwise removes it and keeps the declaration
     * as REFUSED with the reason (422). 409 when nothing was uploaded yet, or when it was already confirmed or refused.
     */
    Mono<EvidenceView> confirm(Caller caller, UUID recordId, UUID id) {
        RecordScope scope = writable(caller);
        return rows.find(recordId, id, scope)
                .switchIfEmpty(Mono.error(() -> evidenceNotFound(id)))
                .flatMap(row -> {
                    if (row.is(EvidenceRows.EXPIRED)) {
                        return refuseLate(row);
                    }
                    if (!row.is(EvidenceRows.DECLARED)) {
                        return Mono.error(ApiException.conflict(
                                "evidence-already-confirmed",
                                "evidence " + id + " is " + row.view().status() + "; a file is confirmed once"));
                    }
                    return storage.digest(row.objectKey())
                            .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                                    "evidence-not-uploaded", "no file was uploaded for evidence " + id + " yet")))
                            .flatMap(digest -> judge(caller, row, digest));
                });
    }

    /**
     * A file that arrived for an expired declaration is not evidence of the record: it is removed (if it is there) and
     * the attempt audited; the client declares it again (a new declaration, a new link).
     */
    private Mono<EvidenceView> refuseLate(EvidenceRows.Row row) {
        UUID id = row.view().id();
        return storage.exists(row.objectKey())
                .flatMap(present -> present
                        ? storage.delete(row.objectKey())
                                .then(audit.record(
                                        "evidence.late-refused",
                                        RESOURCE,
                                        id.toString(),
                                        Map.of("recordId", row.view().recordId().toString())))
                        : Mono.empty())
                .then(Mono.error(ApiException.conflict(
                        "evidence-expired",
                        "evidence " + id + " expired without its file; a late file is refused — declare it again")));
    }

    /**
     * Marks the declarations whose last upload link expired more than the grace period before {@code now} as EXPIRED,
     * one by one and audited, and leaves any that has an object in storage alone: those bytes arrived in time and
     * await their confirmation (the check reads them), so nothing uploaded is ever touched. Returns how many expired.
     */
    Mono<Integer> expireDeclarations(OffsetDateTime now) {
        OffsetDateTime cutoff = now.minus(properties.expiryGrace());
        return rows.declaredExpiredBefore(cutoff, properties.expiryBatch())
                .concatMap(row -> storage.exists(row.objectKey())
                        .flatMap(present -> present
                                ? Mono.just(false)
                                : tx.transactional(rows.markExpired(row.view().id(), cutoff, now)
                                        .flatMap(changed -> changed
                                                ? audit.recordAsSystem(
                                                                "evidence.expired",
                                                                RESOURCE,
                                                                row.view().id().toString(),
                                                                expiryDetails(row))
                                                        .thenReturn(true)
                                                : Mono.just(false)))))
                .filter(Boolean::booleanValue)
                .count()
                .map(Long::intValue);
    }

    private static Map<String, Object> expiryDetails(EvidenceRows.Row row) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recordId", row.view().recordId().toString());
        details.put("fileName", row.view().fileName());
        details.put("sha256", row.view().sha256());
        details.put("declaredBy", row.view().declaredBy());
        details.put(
                "declaredAt",
                row.view().declaredAt().withOffsetSameInstant(ZoneOffset.UTC).toString());
        return details;
    }

    private Mono<EvidenceView> judge(Caller caller, EvidenceRows.Row row, ObjectStorage.Digest digest) {
        EvidenceView v = row.view();
        List<FieldProblem> problems = new java.util.ArrayList<>();
        if (digest.size() != v.size()) {
            problems.add(new FieldProblem("size", "the uploaded file has " + digest.size() + " bytes", v.size()));
        }
        if (!digest.sha256().equals(v.sha256())) {
            problems.add(new FieldProblem("sha256", "the uploaded file's SHA-256 is " + digest.sha256(), v.sha256()));
        }
        if (!problems.isEmpty()) {
            String reason = problems.stream()
                    .map(p -> p.field() + ": " + p.message())
                    .reduce((a, b) -> a + "; " + b)
                    .orElseThrow();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("recordId", v.recordId().toString());
            details.put("reason", reason);
            details.put("declaredSha256", v.sha256());
            details.put("uploadedSha256", digest.sha256());
            // Removed first: a mismatching object must not stay retrievable even if the row update then fails.
            return storage.delete(row.objectKey())
                    .then(tx.transactional(rows.markRefused(v.id(), reason)
                            .flatMap(changed -> changed
                                    ? audit.record("evidence.refused", RESOURCE, v.id().toString(), details)
                                    : Mono.error(concurrent(v.id())))))
                    .then(Mono.error(new ApiException(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            // another length is the plainer diagnosis (it implies another hash)
                            digest.size() != v.size() ? "evidence-size-mismatch" : "evidence-sha256-mismatch",
                            null,
                            "the uploaded file does not match its declaration; it was removed: " + reason,
                            problems)));
        }
        OffsetDateTime now = clock.nowUtc();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recordId", v.recordId().toString());
        details.put("fileName", v.fileName());
        details.put("sha256", v.sha256());
        details.put("size", v.size());
        details.put("takenAt", v.takenAt().withOffsetSameInstant(ZoneOffset.UTC).toString());
        if (v.location() != null) {
            details.put("lat", v.location().lat());
            details.put("lon", v.location().lon());
        }
        return tx.transactional(rows.markKept(v.id(), caller.subject(), now)
                        .flatMap(changed -> changed
                                ? audit.record("evidence.kept", RESOURCE, v.id().toString(), details)
                                : Mono.error(concurrent(v.id()))))
                .then(Mono.fromSupplier(() -> new EvidenceView(
                        v.id(),
                        v.recordId(),
                        v.fileName(),
                        v.mediaType(),
                        v.size(),
                        v.sha256(),
                        v.takenAt(),
                        v.location(),
                        EvidenceRows.KEPT,
                        null,
                        v.declaredBy(),
                        v.declaredAt(),
                        caller.subject(),
                        now)));
    }

    /**
     * A short-lived presigned GET of a kept file, after the record's scope check. A caller outside the record's scope
     * gets 404 (as for the record itself) and the attempt is audited.
     */
    Mono<Download> download(Caller caller, UUID recordId, UUID id) {
        RecordScope scope = RecordScope.of(caller);
        return rows.find(recordId, id, scope)
                .switchIfEmpty(Mono.defer(() -> audit.record(
                                "evidence.download-refused",
                                RESOURCE,
                                id.toString(),
                                Map.of(
                                        "recordId",
                                        recordId.toString(),
                                        "division",
                                        caller.division().value()))
                        .then(Mono.error(evidenceNotFound(id)))))
                .flatMap(row -> {
                    if (!row.is(EvidenceRows.KEPT)) {
                        return Mono.error(ApiException.conflict(
                                "evidence-not-kept",
                                "evidence " + id + " is " + row.view().status()));
                    }
                    return storage.presignGet(
                                    row.objectKey(),
                                    EvidencePolicy.downloadType(row.view().mediaType()),
                                    EvidencePolicy.contentDisposition(row.view().fileName()),
                                    properties.downloadTtl())
                            .flatMap(link -> audit.record(
                                            "evidence.download",
                                            RESOURCE,
                                            id.toString(),
                                            Map.of(
                                                    "recordId",
                                                    recordId.toString(),
                                                    "sha256",
                                                    row.view().sha256()))
                                    .thenReturn(new Download(link.url(), utc(link))));
                });
    }

    Mono<PageResponse<EvidenceView>> list(Caller caller, UUID recordId, Integer page, Integer size) {
        RecordScope scope = RecordScope.of(caller);
        Paging paging = Paging.of(page, size);
        return rows.recordVisible(recordId, scope)
                .flatMap(visible -> visible ? Mono.just(true) : Mono.error(() -> recordNotFound(recordId)))
                .then(rows.list(recordId, paging.offset(), paging.size())
                        .collectList()
                        .zipWith(rows.count(recordId))
                        .map(t -> new PageResponse<>(t.getT1(), paging.page(), paging.size(), t.getT2())));
    }

    private Mono<Declared> declared(EvidenceRows.Row row) {
        if (!row.is(EvidenceRows.DECLARED)) {
            return Mono.just(new Declared(row.view(), null));
        }
        return storage.presignPut(
                        row.objectKey(), row.view().mediaType(), row.view().size(), properties.uploadTtl())
                .map(put -> new Declared(row.view(), new Upload(put.url(), "PUT", put.headers(), utc(put))));
    }

    /** The object key: from ids only (never the client's file name), one object per declaration. */
    static String objectKey(UUID recordId, UUID evidenceId) {
        return "records/" + recordId + "/" + evidenceId;
    }

    private static OffsetDateTime utc(ObjectStorage.Presigned presigned) {
        return presigned.expiresAt().atOffset(ZoneOffset.UTC);
    }

    private static RecordScope writable(Caller caller) {
        RecordScope scope = RecordScope.of(caller);
        if (!scope.canWrite()) {
            throw ApiException.forbidden(
                    "evidence-write-forbidden", "only the record's inspectors and city/county staff add evidence");
        }
        return scope;
    }

    private static ApiException recordNotFound(UUID id) {
        return ApiException.notFound("inspection-not-found", "no inspection record " + id + " in your scope");
    }

    private static ApiException evidenceNotFound(UUID id) {
        return ApiException.notFound("evidence-not-found", "no evidence " + id + " of that record in your scope");
    }

    private static ApiException concurrent(UUID id) {
        return ApiException.conflict("evidence-already-confirmed", "evidence " + id + " was confirmed concurrently");
    }
}
