package org.permitwatch.inspection.cases;

import io.r2dbc.spi.Readable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.permitwatch.events.vocabulary.ViolationType;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.input.PlausibleDate;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A unit's history from before the platform (历史违法记录): violations decided before roll-out or by another bureau,
 * recorded by CITY or PROVINCE staff from the decision document. They count for 首违不罚 (初次) and for the discretion
 * factor HISTORY exactly like the unit's cases (PenaltyService reads the table), on their violation day or, when the
 * document does not say it, their decision day.
 */
@Component
class PriorViolations {

    /** Decision and violation days are calendar days in China Standard Time, like every case date. */
    private static final String RESOURCE = "prior-violation";
    /** An article of 《排污许可管理条例》 with an optional 项, after ArticleRef-style normalisation. */
    private static final Pattern ARTICLE = Pattern.compile("\\d{1,3}(\\(\\d{1,2}\\))?"
            // the official text, optionally followed by a conduct in Chinese (e.g. （不如实公开）) or a second article
            + "|第[一二三四五六七八九十百\\d]+条(第?[（(][一二三四五六七八九十\\d]+[）)]项?)?[、，（）()\\p{IsHan}\\d]*");

    private final DatabaseClient db;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    private final BureauClock clock;

    PriorViolations(DatabaseClient db, AuditLog audit, ReactiveTransactionManager transactions, BureauClock clock) {
        this.clock = clock;
        this.db = db;
        this.audit = audit;
        this.tx = WholeTransactions.create(transactions);
    }

    /**
     * {@code POST /api/v1/cases/prior-violations}.
     *
     * @param decisionNo     文号 of the decision (unique per unit)
     * @param decidedOn      decision date; not in the future
     * @param violatedOn     the day the violation was found, when the document says it; not after decidedOn
     * @param article        article and 项 of 《排污许可管理条例》, short ({@code 37(1)}) or official text
     * @param violationType  optional 附件1 violation type
     * @param authority      the deciding bureau when not the recording one
     * @param sourceDocument where the decision is filed (archive number, document reference)
     * @param amountYuan     the fine, if any
     */
    record Input(
            @NotBlank @Size(max = 100) String permitNumber,
            @NotBlank @Size(max = 100) String decisionNo,

            @NotNull @PlausibleDate(notBefore = "2000-01-01", yearsAhead = 0)
            LocalDate decidedOn,

            @PlausibleDate(notBefore = "2000-01-01", yearsAhead = 0)
            LocalDate violatedOn,

            @NotBlank @Size(max = 100) String article,
            ViolationType violationType,
            @Size(max = 200) String authority,
            @NotBlank @Size(max = 500) String sourceDocument,
            @DecimalMin("0") @DecimalMax("100000000") BigDecimal amountYuan) {}

    record View(
            UUID id,
            String permitNumber,
            String unitName,
            String divisionCode,
            String decisionNo,
            LocalDate decidedOn,
            LocalDate violatedOn,
            String article,
            @Schema(implementation = ViolationType.class) String violationType,
            String authority,
            String sourceDocument,
            BigDecimal amountYuan,
            String recordedBy,
            OffsetDateTime recordedAt) {

        static View of(Readable r) {
            return new View(
                    r.get("id", UUID.class),
                    r.get("permit_number", String.class),
                    r.get("unit_name", String.class),
                    r.get("division_code", String.class),
                    r.get("decision_no", String.class),
                    r.get("decided_on", LocalDate.class),
                    r.get("violated_on", LocalDate.class),
                    r.get("article", String.class),
                    r.get("violation_type", String.class),
                    r.get("authority", String.class),
                    r.get("source_document", String.class),
                    r.get("amount_yuan", BigDecimal.class),
                    r.get("recorded_by", String.class),
                    r.get("recorded_at", OffsetDateTime.class));
        }
    }

    private static final String SELECT = """
            SELECT p.id, p.permit_number, u.unit_name, p.division_code, p.decision_no, p.decided_on, p.violated_on,
                   p.article, p.violation_type, p.authority, p.source_document, p.amount_yuan, p.recorded_by,
                   p.recorded_at
            FROM prior_violation p LEFT JOIN directory_unit u ON u.permit_number = p.permit_number""";

    Mono<View> record(Input in, Caller caller) {
        if (!(caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY))) {
            throw ApiException.forbidden(
                    "prior-violation-forbidden", "only CITY or PROVINCE staff may record prior violations");
        }
        LocalDate today = clock.today();
        if (in.decidedOn().isAfter(today)) {
            throw ApiException.invalidField(
                    "decidedOn", "must not be in the future (today is " + today + ")", in.decidedOn());
        }
        if (in.violatedOn() != null && in.violatedOn().isAfter(in.decidedOn())) {
            throw ApiException.invalidField(
                    "violatedOn", "must not be after the decision date " + in.decidedOn(), in.violatedOn());
        }
        String article = in.article().trim();
        if (!ARTICLE.matcher(article).matches()) {
            throw ApiException.invalidField(
                    "article", "must be an article of 《排污许可管理条例》, e.g. 37(1) or " + "第三十七条第（一）项", in.article());
        }
        if (in.amountYuan() != null && in.amountYuan().stripTrailingZeros().scale() > 2) {
            throw ApiException.invalidField("amountYuan", "at most 2 decimals (fen)", in.amountYuan());
        }
        String permit = in.permitNumber().trim();
        UUID id = UUID.randomUUID();
        return db.sql("SELECT division_code FROM directory_unit WHERE permit_number = :permit "
                        + "AND division_code LIKE :scope")
                .bind("permit", permit)
                .bind("scope", caller.division().likePattern())
                .map(r -> r.get("division_code", String.class))
                .one()
                // Never echo the permit number: the 404 of another division's unit must say nothing about it.
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("unit-not-found", "no such unit in your scope")))
                .flatMap(division -> db.sql("""
                                INSERT INTO prior_violation (id, permit_number, division_code, decision_no, decided_on,
                                    violated_on, article, violation_type, authority, source_document, amount_yuan,
                                    recorded_by)
                                VALUES (:id, :permit, :division, :no, :decided, :violated, :article, :type, :authority,
                                    :source, :amount, :by)""")
                        .bind("id", id)
                        .bind("permit", permit)
                        .bind("division", division)
                        .bind("no", in.decisionNo().trim())
                        .bind("decided", in.decidedOn())
                        .bind("violated", Parameter.fromOrEmpty(in.violatedOn(), LocalDate.class))
                        .bind("article", article)
                        .bind(
                                "type",
                                Parameter.fromOrEmpty(
                                        in.violationType() == null
                                                ? null
                                                : in.violationType().name(),
                                        String.class))
                        .bind("authority", Parameter.fromOrEmpty(blankToNull(in.authority()), String.class))
                        .bind("source", in.sourceDocument().trim())
                        .bind("amount", Parameter.fromOrEmpty(in.amountYuan(), BigDecimal.class))
                        .bind("by", caller.subject())
                        .then()
                        .onErrorMap(
                                DataIntegrityViolationException.class,
                                e -> ApiException.conflict(
                                        "prior-violation-exists",
                                        "unit " + permit + " already has decision "
                                                + in.decisionNo().trim()))
                        .then(audit.record(
                                "prior-violation.record", RESOURCE, id.toString(), details(id, permit, in, article))))
                .then(Mono.defer(() -> db.sql(SELECT + " WHERE p.id = :id")
                        .bind("id", id)
                        .map(View::of)
                        .one()))
                .as(tx::transactional);
    }

    /** A paged list inside the caller's division (bureau staff only), newest decision first. */
    Mono<PageResponse<View>> list(String permitNumber, Paging paging, Caller caller) {
        if (!(caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY) || caller.hasRole(Role.COUNTY))) {
            throw ApiException.forbidden("prior-violation-forbidden", "only bureau staff read prior violations");
        }
        String where =
                " WHERE p.division_code LIKE :scope" + (permitNumber == null ? "" : " AND p.permit_number = :permit");
        var rows = db.sql(SELECT + where + " ORDER BY p.decided_on DESC, p.id LIMIT :limit OFFSET :offset")
                .bind("scope", caller.division().likePattern())
                .bind("limit", paging.size())
                .bind("offset", paging.offset());
        var count = db.sql("SELECT count(*) AS n FROM prior_violation p" + where)
                .bind("scope", caller.division().likePattern());
        if (permitNumber != null) {
            rows = rows.bind("permit", permitNumber);
            count = count.bind("permit", permitNumber);
        }
        return rows.map(View::of)
                .all()
                .collectList()
                .zipWith(count.map(r -> r.get("n", Long.class)).one())
                .map(t -> paging.page(t.getT1(), t.getT2()));
    }

    private static Map<String, Object> details(UUID id, String permit, Input in, String article) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("priorViolationId", id.toString());
        d.put("permitNumber", permit);
        d.put("decisionNo", in.decisionNo().trim());
        d.put("decidedOn", in.decidedOn().toString());
        d.put("violatedOn", in.violatedOn() == null ? null : in.violatedOn().toString());
        d.put("article", article);
        d.put(
                "violationType",
                in.violationType() == null ? null : in.violationType().name());
        d.put("sourceDocument", in.sourceDocument().trim());
        d.put("amountYuan", in.amountYuan() == null ? null : in.amountYuan().toPlainString());
        return d;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
