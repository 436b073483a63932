package org.permitwatch.inspection.document;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.permitwatch.inspection.cases.CaseRow;
import org.permitwatch.inspection.record.ItemResult;
import org.permitwatch.inspection.record.RecordContent;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.time.BureauClock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a document prints from the case's own data, and says when the case does not allow a kind yet: the one
 * place where each kind's prerequisite lives (409 with a stable code). Runs inside the issuing transaction, after the
 * case row is locked, so the facts are those the document is issued against.
 */
@Component
class DocumentFacts {

    static final String LAW = "《中华人民共和国行政处罚法》";
    static final String REGULATION = "《排污许可管理条例》";
    /** 行政处罚法第三十三条第一款: 初次违法且危害后果轻微并及时改正的，可以不予行政处罚. */
    static final String NO_PENALTY_FALLBACK = LAW + "第三十三条第一款";

    /** The values every document has. */
    static final Set<String> COMMON = Set.of(
            "bureauName",
            "reviewBody",
            "caseNo",
            "unitName",
            "permitNumber",
            "uscc",
            "violationDate",
            "articleText",
            "facts",
            "issuedOn",
            "documentNo");

    /**
     * The values each kind adds: what a template of the kind may name (checked when a version is published), and
     * what {@link #collect} fills.
     */
    static final Map<DocumentKind, Set<String>> NAMES = Map.of(
            DocumentKind.INSPECTION_RECORD,
            Set.of("inspectedAt", "inspectedOn", "inspectionFindings", "measurements", "recordNotes", "inspectors"),
            DocumentKind.RECTIFICATION_ORDER,
            Set.of("servedOn", "deadline", "requirements"),
            DocumentKind.PRIOR_NOTICE,
            Set.of("benchmarkVersion", "rangeText", "proposedAmount"),
            DocumentKind.PENALTY_DECISION,
            Set.of("amount", "decidedOn", "benchmarkVersion", "rangeText", "noPenaltyBasis"),
            DocumentKind.NO_PENALTY_DECISION,
            Set.of(
                    "amount",
                    "decidedOn",
                    "benchmarkVersion",
                    "rangeText",
                    "noPenaltyBasis",
                    "correctedOn",
                    "verifiedOn"),
            DocumentKind.DAILY_PENALTY_DECISION,
            Set.of("amount", "days", "fromDate", "toDate", "reinspectedOn", "decidedOn", "originalFine", "servedOn"),
            DocumentKind.SERVICE_RECEIPT,
            Set.of("servedTitle", "servedNo", "servedPdfSha256"),
            DocumentKind.INTERVIEW_RECORD,
            Set.of(
                    "intervieweeName",
                    "intervieweeIdNumber",
                    "intervieweeRole",
                    "interviewPlace",
                    "interviewStart",
                    "interviewEnd",
                    "interviewOn",
                    "interviewers",
                    "questionsAndAnswers",
                    "confirmation"));

    /** The flags of conditional blocks ({@code when}) per kind. */
    static final Map<DocumentKind, Set<String>> FLAGS = Map.of(DocumentKind.PRIOR_NOTICE, Set.of("hearingRight"));

    /** Whether a template of the kind may name {@code name}. */
    static boolean knows(DocumentKind kind, String name) {
        return COMMON.contains(name) || NAMES.getOrDefault(kind, Set.of()).contains(name);
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy年M月d日H时mm分");
    private static final Pattern SHORT_ARTICLE = Pattern.compile("(\\d{1,3})(?:\\((\\d{1,2})\\))?");

    private final DatabaseClient db;
    private final JsonMapper json;
    private final BureauClock clock;
    private final DocumentProperties properties;

    DocumentFacts(DatabaseClient db, JsonMapper json, BureauClock clock, DocumentProperties properties) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    /** The filled-in values, the flags of conditional blocks, and the evidence listed. */
    record Facts(
            Map<String, String> values, Map<String, Boolean> flags, List<RenderedDocument.EvidenceFile> evidence) {}

    Mono<Facts> collect(CaseRow c, DocumentKind kind, UUID subjectId, DocumentNumbers.Bureau bureau) {
        Map<String, String> v = new HashMap<>();
        Map<String, Boolean> flags = new HashMap<>();
        v.put("bureauName", bureau.name());
        v.put("reviewBody", bureau.reviewBody());
        v.put("caseNo", c.caseNo());
        v.put("unitName", c.unitName());
        v.put("permitNumber", c.permitNumber());
        v.put("violationDate", day(clock.dayOf(c.violationAt())));
        v.put("articleText", articleText(c.article()));
        v.put("facts", stripEnd(c.facts()));
        v.put("issuedOn", day(clock.today()));
        return uscc(c.permitNumber())
                .doOnNext(u -> v.put("uscc", u))
                .then(specific(c, kind, subjectId, v, flags))
                .then(evidence(c))
                .map(ev -> new Facts(v, flags, ev));
    }

    private Mono<Void> specific(
            CaseRow c, DocumentKind kind, UUID subjectId, Map<String, String> v, Map<String, Boolean> flags) {
        return switch (kind) {
            case INSPECTION_RECORD -> inspection(c, v);
            case RECTIFICATION_ORDER -> rectification(c, v);
            case PRIOR_NOTICE -> notice(c, v, flags);
            case PENALTY_DECISION -> decision(c, "FINE", "fine-decision-required", v);
            case NO_PENALTY_DECISION -> noPenalty(c, v);
            case DAILY_PENALTY_DECISION -> daily(c, subjectId, v);
            case SERVICE_RECEIPT -> served(c, subjectId, v);
            case INTERVIEW_RECORD -> interview(c, subjectId, v);
        };
    }

    // --- per kind ---------------------------------------------------------------------------------------------------

    private Mono<Void> inspection(CaseRow c, Map<String, String> v) {
        if (c.recordId() == null) {
            return Mono.error(ApiException.conflict(
                    "inspection-record-missing", "case " + c.id() + " was not opened from an inspection record"));
        }
        return db.sql("SELECT content::text AS content FROM inspection_record WHERE id = :id AND status = 'SUBMITTED'")
                .bind("id", c.recordId())
                .map(r -> r.get("content", String.class))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                        "inspection-record-missing", "the case's inspection record is not submitted")))
                .flatMap(text -> {
                    RecordContent content = json.readValue(text, RecordContent.class);
                    OffsetDateTime at = content.inspectedAt() == null ? c.violationAt() : content.inspectedAt();
                    v.put("inspectedAt", at.atZoneSameInstant(clock.zone()).format(MINUTE));
                    v.put("inspectedOn", day(clock.dayOf(at)));
                    v.put("inspectionFindings", findings(content));
                    v.put("measurements", measurements(content));
                    v.put("recordNotes", blankTo(content.notes(), "无"));
                    return inspectors(c.taskId())
                            .doOnNext(n -> v.put("inspectors", n))
                            .then();
                });
    }

    private Mono<Void> rectification(CaseRow c, Map<String, String> v) {
        return db.sql("SELECT served_on, deadline, requirements FROM rectification WHERE case_id = :id")
                .bind("id", c.id())
                .map(r -> {
                    v.put("servedOn", day(r.get("served_on", LocalDate.class)));
                    v.put("deadline", day(r.get("deadline", LocalDate.class)));
                    v.put("requirements", r.get("requirements", String.class));
                    return true;
                })
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                        "rectification-required", "case " + c.id() + " has no rectification order yet")))
                .then();
    }

    /** The notice goes before the decision, from the latest proposal. */
    private Mono<Void> notice(CaseRow c, Map<String, String> v, Map<String, Boolean> flags) {
        if (!CaseRow.OPEN.equals(c.status())) {
            return Mono.error(ApiException.conflict(
                    "case-already-decided", "the prior notice precedes the decision; case " + c.id() + " is decided"));
        }
        return db.sql("""
                        SELECT benchmark_version, min_yuan, max_yuan, proposed_yuan
                        FROM penalty_proposal WHERE case_id = :id ORDER BY created_at DESC, id LIMIT 1""")
                .bind("id", c.id())
                .map(r -> {
                    BigDecimal proposed = r.get("proposed_yuan", BigDecimal.class);
                    v.put("benchmarkVersion", r.get("benchmark_version", String.class));
                    v.put("rangeText", range(r.get("min_yuan", BigDecimal.class), r.get("max_yuan", BigDecimal.class)));
                    v.put("proposedAmount", yuan(proposed));
                    flags.put("hearingRight", proposed.compareTo(properties.hearingThresholdYuan()) >= 0);
                    return true;
                })
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                        "proposal-required", "case " + c.id() + " has no penalty proposal to give notice of")))
                .then();
    }

    private Mono<Void> decision(CaseRow c, String decisionKind, String code, Map<String, String> v) {
        return db.sql("""
                        SELECT d.amount_yuan, d.decided_at, p.benchmark_version, p.min_yuan, p.max_yuan,
                               p.explanation->'noPenalty'->>'legalBasis' AS no_penalty_basis
                        FROM penalty_decision d LEFT JOIN penalty_proposal p ON p.id = d.proposal_id
                        WHERE d.case_id = :id AND d.kind = :kind""")
                .bind("id", c.id())
                .bind("kind", decisionKind)
                .map(r -> {
                    v.put("amount", yuan(r.get("amount_yuan", BigDecimal.class)));
                    v.put("decidedOn", day(clock.dayOf(r.get("decided_at", OffsetDateTime.class))));
                    v.put("benchmarkVersion", blankTo(r.get("benchmark_version", String.class), ""));
                    BigDecimal min = r.get("min_yuan", BigDecimal.class);
                    BigDecimal max = r.get("max_yuan", BigDecimal.class);
                    v.put("rangeText", min == null || max == null ? "" : range(min, max));
                    String basis = r.get("no_penalty_basis", String.class);
                    v.put("noPenaltyBasis", basis == null || basis.isBlank() ? NO_PENALTY_FALLBACK : basis);
                    return true;
                })
                .one()
                .switchIfEmpty(Mono.error(
                        () -> ApiException.conflict(code, "case " + c.id() + " has no " + decisionKind + " decision")))
                .then();
    }

    private Mono<Void> noPenalty(CaseRow c, Map<String, String> v) {
        return decision(c, "NO_PENALTY", "no-penalty-decision-required", v)
                .then(db.sql("""
                                SELECT r.deadline, max(vf.inspected_on) AS verified_on FROM rectification r
                                JOIN rectification_verification vf ON vf.rectification_id = r.id AND vf.result = 'COMPLETE'
                                WHERE r.case_id = :id GROUP BY r.deadline""")
                        .bind("id", c.id())
                        .map(r -> {
                            v.put("correctedOn", day(r.get("deadline", LocalDate.class)));
                            v.put("verifiedOn", day(r.get("verified_on", LocalDate.class)));
                            return true;
                        })
                        .one()
                        .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                                "rectification-not-verified", "case " + c.id() + " has no verified correction")))
                        .then());
    }

    private Mono<Void> daily(CaseRow c, UUID decisionId, Map<String, String> v) {
        return db.sql("""
                        SELECT amount_yuan, days, from_date, to_date, decided_at,
                               explanation->>'originalFineYuan' AS original, explanation->>'servedOn' AS served_on
                        FROM penalty_decision WHERE id = :decision AND case_id = :id AND kind = 'DAILY_CONTINUOUS'""")
                .bind("decision", decisionId)
                .bind("id", c.id())
                .map(r -> {
                    v.put("amount", yuan(r.get("amount_yuan", BigDecimal.class)));
                    v.put("days", String.valueOf(r.get("days", Integer.class)));
                    v.put("fromDate", day(r.get("from_date", LocalDate.class)));
                    LocalDate to = r.get("to_date", LocalDate.class);
                    v.put("toDate", day(to));
                    v.put("reinspectedOn", day(to));
                    v.put("decidedOn", day(clock.dayOf(r.get("decided_at", OffsetDateTime.class))));
                    v.put("originalFine", yuan(new BigDecimal(r.get("original", String.class))));
                    v.put("servedOn", day(LocalDate.parse(r.get("served_on", String.class))));
                    return true;
                })
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                        "daily-penalty-required",
                        "case " + c.id() + " has no daily continuous decision " + decisionId)))
                .then();
    }

    private Mono<Void> served(CaseRow c, UUID documentId, Map<String, String> v) {
        return db.sql("""
                        SELECT kind, title, document_no, pdf_sha256 FROM case_document
                        WHERE id = :doc AND case_id = :id""")
                .bind("doc", documentId)
                .bind("id", c.id())
                .map(r -> {
                    if (DocumentKind.SERVICE_RECEIPT.name().equals(r.get("kind", String.class))) {
                        throw ApiException.invalidField("subjectId", "a service receipt is not served", documentId);
                    }
                    v.put("servedTitle", r.get("title", String.class));
                    v.put("servedNo", r.get("document_no", String.class));
                    v.put("servedPdfSha256", r.get("pdf_sha256", String.class));
                    return true;
                })
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                        "served-document-not-issued", "no document " + documentId + " issued in case " + c.id())))
                .then();
    }

    /**
     * The interview as recorded, in full: the printed record is signed by the interviewee, so it carries the ID number
     * unmasked (the API masks it without pii:read; the document is read by those who handle the case file).
     */
    private Mono<Void> interview(CaseRow c, UUID interviewId, Map<String, String> v) {
        return db.sql("""
                        SELECT interviewee_name, interviewee_id_no, interviewee_role, place, started_at, ended_at,
                               officers::text AS officers, questions::text AS questions, confirmation
                        FROM case_interview WHERE id = :interview AND case_id = :id""")
                .bind("interview", interviewId)
                .bind("id", c.id())
                .map(r -> {
                    OffsetDateTime start = r.get("started_at", OffsetDateTime.class);
                    v.put("intervieweeName", r.get("interviewee_name", String.class));
                    v.put("intervieweeIdNumber", r.get("interviewee_id_no", String.class));
                    v.put("intervieweeRole", r.get("interviewee_role", String.class));
                    v.put("interviewPlace", r.get("place", String.class));
                    v.put("interviewStart", minute(start));
                    v.put("interviewEnd", minute(r.get("ended_at", OffsetDateTime.class)));
                    v.put("interviewOn", day(clock.dayOf(start)));
                    List<String> officers = new ArrayList<>();
                    for (JsonNode o : json.readTree(r.get("officers", String.class))) {
                        officers.add(o.path("name").asString("") + "（执法证号"
                                + o.path("certificateNo").asString("") + "）");
                    }
                    v.put("interviewers", String.join("、", officers));
                    List<String> qa = new ArrayList<>();
                    for (JsonNode q : json.readTree(r.get("questions", String.class))) {
                        qa.add("问：" + q.path("question").asString(""));
                        qa.add("答：" + q.path("answer").asString(""));
                    }
                    // one paragraph per line: the renderers split TEXT at line breaks
                    v.put("questionsAndAnswers", String.join("\n", qa));
                    v.put("confirmation", r.get("confirmation", String.class));
                    return true;
                })
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                        "interview-not-recorded", "no interview " + interviewId + " recorded in case " + c.id())))
                .then();
    }

    // --- shared -----------------------------------------------------------------------------------------------------

    private Mono<String> uscc(String permit) {
        return db.sql(
                        "SELECT coalesce(uscc, snapshot->>'uscc', '') AS uscc FROM directory_unit WHERE permit_number = :p")
                .bind("p", permit)
                .map(r -> r.get("uscc", String.class))
                .one()
                .defaultIfEmpty("");
    }

    private Mono<String> inspectors(UUID taskId) {
        if (taskId == null) {
            return Mono.just("");
        }
        return db.sql("""
                        SELECT coalesce(string_agg(i.name || '（执法证号' || i.certificate_no || '）', '、'
                                                   ORDER BY i.certificate_no), '') AS names
                        FROM task_inspector ti JOIN inspector i ON i.id = ti.inspector_id WHERE ti.task_id = :task""")
                .bind("task", taskId)
                .map(r -> r.get("names", String.class))
                .one()
                .defaultIfEmpty("");
    }

    /**
     * The evidence files a document lists: those kept in object storage for the case's record (ADR 0031), then those
     * the case copied from its finding that are not among them (same SHA-256), in the order they were taken.
     */
    private Mono<List<RenderedDocument.EvidenceFile>> evidence(CaseRow c) {
        Mono<List<RenderedDocument.EvidenceFile>> kept = c.recordId() == null
                ? Mono.just(List.of())
                : db.sql("""
                                SELECT file_name, sha256, size, taken_at FROM evidence_file
                                WHERE record_id = :record AND status = 'KEPT' ORDER BY taken_at, id""")
                        .bind("record", c.recordId())
                        .map(r -> new RenderedDocument.EvidenceFile(
                                r.get("file_name", String.class),
                                r.get("sha256", String.class),
                                r.get("size", Long.class),
                                minute(r.get("taken_at", OffsetDateTime.class))))
                        .all()
                        .collectList();
        return kept.map(files -> {
            List<RenderedDocument.EvidenceFile> all = new ArrayList<>(files);
            Set<String> seen = new HashSet<>();
            files.forEach(f -> seen.add(f.sha256()));
            JsonNode items = json.readTree(c.evidenceJson() == null ? "[]" : c.evidenceJson());
            for (JsonNode item : items) {
                String kind = item.path("kind").asString("FILE");
                String sha = item.path("sha256").asString("");
                if (!"FILE".equals(kind) || sha.isBlank() || !seen.add(sha)) {
                    continue;
                }
                String taken = item.path("takenAt").asString("");
                all.add(new RenderedDocument.EvidenceFile(
                        item.path("fileName").asString(""),
                        sha,
                        item.hasNonNull("size") ? item.get("size").asLong() : null,
                        taken.isBlank() ? null : minute(OffsetDateTime.parse(taken))));
            }
            return all;
        });
    }

    private static String findings(RecordContent content) {
        List<String> lines = new ArrayList<>();
        for (RecordContent.Item item : content.items()) {
            if (item.result() == ItemResult.NON_COMPLIANT) {
                lines.add("检查项" + item.itemNo() + "「" + item.title() + "」不符合要求"
                        + (item.notes() == null || item.notes().isBlank() ? "" : "（" + item.notes() + "）"));
            }
        }
        return lines.isEmpty() ? "未发现不符合检查清单要求的情形" : String.join("；", lines);
    }

    private static String measurements(RecordContent content) {
        List<String> lines = new ArrayList<>();
        for (RecordContent.Measurement m : content.measurements()) {
            lines.add(m.outletCode() + " " + m.pollutantName() + " " + number(m.value()) + m.unit()
                    + (m.limit() == null
                            ? ""
                            : "（许可限值" + number(m.limit()) + m.unit() + (m.exceeded() ? "，超标" : "") + "）"));
        }
        return lines.isEmpty() ? "无" : String.join("；", lines);
    }

    private String minute(OffsetDateTime t) {
        return t.atZoneSameInstant(clock.zone()).format(MINUTE);
    }

    static String day(LocalDate d) {
        return d == null ? "" : d.format(DAY);
    }

    /** 448000 → 人民币448,000元; 5900.50 → 人民币5,900.5元. */
    static String yuan(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return "人民币" + f.format(amount) + "元";
    }

    static String range(BigDecimal min, BigDecimal max) {
        return yuan(min) + "以上" + yuan(max).substring("人民币".length()) + "以下";
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * The case's article as the documents cite it: {@code 34(1)} → 《排污许可管理条例》第三十四条第（一）项; a text that is already
     * Chinese keeps its words and gets the regulation's name.
     */
    static String articleText(String article) {
        String a = article == null ? "" : article.trim();
        Matcher m = SHORT_ARTICLE.matcher(a);
        if (m.matches()) {
            String text = "第" + chinese(Integer.parseInt(m.group(1))) + "条";
            if (m.group(2) != null) {
                text += "第（" + chinese(Integer.parseInt(m.group(2))) + "）项";
            }
            return REGULATION + text;
        }
        return a.startsWith("《") ? a : REGULATION + a;
    }

    /** 1..999 in Chinese numerals as statutes number articles (十, 十四, 三十四, 一百零二). */
    static String chinese(int n) {
        String digits = "零一二三四五六七八九";
        if (n < 10) {
            return String.valueOf(digits.charAt(n));
        }
        if (n < 100) {
            int tens = n / 10;
            int ones = n % 10;
            return (tens == 1 ? "" : String.valueOf(digits.charAt(tens))) + "十"
                    + (ones == 0 ? "" : String.valueOf(digits.charAt(ones)));
        }
        int hundreds = n / 100;
        int rest = n % 100;
        String head = digits.charAt(hundreds) + "百";
        if (rest == 0) {
            return head;
        }
        return head + (rest < 10 ? "零" + digits.charAt(rest) : (rest < 20 ? "一" : "") + chinese(rest));
    }

    private static String blankTo(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    private static String stripEnd(String facts) {
        String f = facts == null ? "" : facts.strip();
        return f.endsWith("。") ? f.substring(0, f.length() - 1) : f;
    }
}
