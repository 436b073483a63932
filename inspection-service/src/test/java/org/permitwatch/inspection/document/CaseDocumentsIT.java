package org.permitwatch.inspection.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.permitwatch.inspection.InspectionItSupport.field;
import static org.permitwatch.inspection.InspectionItSupport.problem;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.InspectionFixtures;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.testsupport.SettableClock;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Enforcement documents (执法文书) issued from real cases over real PostgreSQL: every kind rendered and read back (DOCX
 * with POI, PDF with PDFBox — a library other than the one that wrote it), the embedded CJK font, 文号 sequences under
 * concurrent issuing, the case states that refuse a kind, scope on download, idempotent retries, reissues and the
 * immutability of what was issued. Records and findings are inserted with SQL (another feature's tables, as
 * CaseLifecycleIT does); cases, penalties, rectification and documents go through the API. Expected text is written
 * out by hand.
 */
@SuppressWarnings("unchecked")
@InspectionIntegrationTest
class CaseDocumentsIT {

    private static final String COUNTY = "140105";
    private static final String CITY = "140100";
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String PHOTO_SHA = "3f".repeat(32);
    private static final String REPORT_SHA = "a1".repeat(32);
    private static final String UNIT = "太原市晋源焦化有限公司";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    BureauClock clock;

    @Autowired
    DocumentTemplates templates;

    @Autowired
    SettableClock settable;

    /**
     * The bureau clock pinned to Wednesday 2026-12-09 10:00 (never the wall clock: the procedure's working-day windows
     * and the printed dates must not depend on the day CI runs; after 2026-12-01, when the discretion benchmark
     * SX-PERMIT-2026.1 the documents print took effect); the tests read it through {@link #clock}.
     */
    @BeforeEach
    void pinClock() {
        settable.set(LocalDate.of(2026, 12, 9).atTime(10, 0).atOffset(CST).toInstant());
    }

    @AfterEach
    void resetClock() {
        settable.reset();
    }

    @Test
    void everyDocumentOfAFinedCaseIsNumberedRenderedAndReadBack() throws Exception {
        LocalDate today = clock.today();
        int year = today.getYear();
        String permit = permit();
        InspectionFixtures.unit(db, permit, UNIT, COUNTY, "COKING");
        UUID record = record(permit, today.minusDays(2), COUNTY);
        keptPhoto(record, today.minusDays(2));
        String caseId = openCase(finding(record, "EXCEEDING_LIMITS", "34(1)", today.minusDays(2)), county());

        // 现场检查（勘察）笔录 — county staff issue as the city's bureau (no row for 140105): 并环检笔〔year〕1号
        Map<String, Object> inspection = issue(caseId, county(), Map.of("kind", "INSPECTION_RECORD"), 201);
        String inspectionNo = "并环检笔〔" + year + "〕1号";
        assertThat(inspection).containsEntry("documentNo", inspectionNo).containsEntry("templateVersion", 1);
        for (String text : texts(caseId, inspection)) {
            assertThat(text)
                    .contains("太原市生态环境局", "现场检查（勘察）笔录", inspectionNo, UNIT, permit, "91140100MA0000000X")
                    .contains(day(today.minusDays(2)) + "10时00分")
                    .contains("检查项3「超标排放检查」不符合要求（脱硫设施旁路烟道开启）")
                    // value and limit as measured and permitted, flagged as exceeded
                    .contains("DA001二氧化硫180mg/m3（许可限值100mg/m3，超标）")
                    .contains("脱硫塔出口.jpg", "监测报告.pdf");
            // the hashes of both evidence files
            assertThat(text).contains(PHOTO_SHA, REPORT_SHA);
        }
        assertThat((List<Map<String, Object>>) inspection.get("evidence"))
                .extracting(e -> e.get("sha256"))
                .containsExactly(PHOTO_SHA, REPORT_SHA);

        // nothing decided, nothing proposed yet: the case does not allow these kinds
        problem(issueSpec(caseId, city(), Map.of("kind", "PENALTY_DECISION"), null), 409, "fine-decision-required");
        problem(issueSpec(caseId, city(), Map.of("kind", "PRIOR_NOTICE"), null), 409, "proposal-required");
        problem(
                issueSpec(caseId, county(), Map.of("kind", "RECTIFICATION_ORDER"), null),
                409,
                "rectification-required");
        problem(
                issueSpec(caseId, city(), Map.of("kind", "NO_PENALTY_DECISION"), null),
                409,
                "no-penalty-decision-required");
        // a refused issue takes no number: the decision issued below is still 并环罚〔year〕1号

        // p = .30×.5 + .20×.3 + 0 + 0 + .20×.5 = .31 → 200000 + 800000 × .31 = 448000
        Map<String, Object> proposal = post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal", county(), proposal("GENERAL", "PASSIVE"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        problem(issueSpec(caseId, county(), Map.of("kind", "PRIOR_NOTICE"), null), 403, "decision-forbidden");
        Map<String, Object> notice = issue(caseId, city(), Map.of("kind", "PRIOR_NOTICE"), 201);
        String noticeNo = "并环罚告〔" + year + "〕1号";
        for (String text : texts(caseId, notice)) {
            assertThat(text)
                    .contains("行政处罚事先（听证）告知书", noticeNo, UNIT + "：")
                    .contains("《排污许可管理条例》第三十四条第（一）项")
                    .contains("人民币200,000元以上1,000,000元以下")
                    .contains("罚款人民币448,000元", "SX-PERMIT-2026.1")
                    .contains("第四十四条、第四十五条", "三个工作日")
                    // 448,000 ≥ 50,000: the hearing paragraph is printed
                    .contains("第六十三条、第六十四条", "五个工作日");
        }

        readyToDecide(caseId, today);
        post(
                        "/api/v1/cases/" + caseId + "/decision",
                        city(),
                        Map.of("proposalId", proposal.get("proposalId"), "kind", "FINE"))
                .expectStatus()
                .isCreated();
        problem(issueSpec(caseId, city(), Map.of("kind", "PRIOR_NOTICE"), null), 409, "document-exists");
        Map<String, Object> decision = issue(caseId, city(), Map.of("kind", "PENALTY_DECISION"), 201);
        String decisionNo = "并环罚〔" + year + "〕1号";
        LocalDate decidedOn = decidedOn(caseId, "FINE");
        for (String text : texts(caseId, decision)) {
            assertThat(text)
                    .contains("行政处罚决定书", decisionNo, "当事人：" + UNIT)
                    .contains("《排污许可管理条例》第三十四条第（一）项", "罚款人民币448,000元")
                    .contains("十五日内", "第六十七条", "第七十二条第一款第（一）项", "百分之三")
                    .contains("六十日内向太原市人民政府申请行政复议", "六个月内")
                    .contains(day(decidedOn));
        }

        // 责令改正违法行为决定书: served today, deadline in 7 days
        String rect = (String) post(
                        "/api/v1/cases/" + caseId + "/rectification",
                        county(),
                        Map.of(
                                "requirements",
                                "立即停止超标排放，检修脱硫设施",
                                "deadline",
                                today.plusDays(7).toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("rectificationId");
        Map<String, Object> order = issue(caseId, county(), Map.of("kind", "RECTIFICATION_ORDER"), 201);
        for (String text : texts(caseId, order)) {
            assertThat(text)
                    .contains("责令改正违法行为决定书", "并环责改〔" + year + "〕1号")
                    .contains("第二十八条第一款", "于" + day(today.plusDays(7)) + "前改正")
                    .contains("改正要求：立即停止超标排放，检修脱硫设施");
        }

        // 按日连续处罚: re-inspection on day +10 still finds it; days today+1 … today+10 = 10; 448000 × 10 = 4480000
        UUID again = record(permit, today.plusDays(10), COUNTY);
        finding(again, "EXCEEDING_LIMITS", "34(1)", today.plusDays(10));
        post(
                        "/api/v1/rectifications/" + rect + "/verification",
                        county(),
                        Map.of("recordId", again.toString(), "result", "CONTINUING"))
                .expectStatus()
                .isCreated();
        String dailyId = (String) post(
                        "/api/v1/cases/" + caseId + "/daily-penalty",
                        city(),
                        Map.of("rectificationId", rect, "reinspectionRecordId", again.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("decisionId");
        field(issueSpec(caseId, city(), Map.of("kind", "DAILY_PENALTY_DECISION"), null), 400, "subjectId");
        problem(
                issueSpec(
                        caseId,
                        city(),
                        Map.of(
                                "kind",
                                "DAILY_PENALTY_DECISION",
                                "subjectId",
                                UUID.randomUUID().toString()),
                        null),
                409,
                "daily-penalty-required");
        Map<String, Object> daily =
                issue(caseId, city(), Map.of("kind", "DAILY_PENALTY_DECISION", "subjectId", dailyId), 201);
        for (String text : texts(caseId, daily)) {
            assertThat(text)
                    .contains("按日连续处罚决定书", "并环按日罚〔" + year + "〕1号")
                    .contains("第五十九条第一款", "第十七条、第十九条")
                    .contains("自" + day(today.plusDays(1)) + "起至" + day(today.plusDays(10)) + "止，共10日")
                    .contains("人民币448,000元×10日＝人民币4,480,000元")
                    .contains("于" + day(today) + "向你单位送达");
        }

        // 送达回证 of the decision, with the decision's 文号 and the SHA-256 of its PDF
        Map<String, Object> receipt =
                issue(caseId, county(), Map.of("kind", "SERVICE_RECEIPT", "subjectId", decision.get("id")), 201);
        for (String text : texts(caseId, receipt)) {
            assertThat(text)
                    .contains("送达回证", "并环送〔" + year + "〕1号", "行政处罚决定书", decisionNo)
                    .contains("受送达人：" + UNIT);
            assertThat(text).contains((String) decision.get("pdfSha256"));
        }

        // an idempotent retry answers the first document and takes no number
        Map<String, Object> orderReceipt = Map.of("kind", "SERVICE_RECEIPT", "subjectId", order.get("id"));
        Map<String, Object> first = body(issueSpec(caseId, county(), orderReceipt, "receipt-of-order-1"), 201);
        Map<String, Object> retry = body(issueSpec(caseId, county(), orderReceipt, "receipt-of-order-1"), 201);
        assertThat(retry.get("id")).isEqualTo(first.get("id"));
        assertThat(first).containsEntry("documentNo", "并环送〔" + year + "〕2号");
        assertThat(count("SELECT count(*) FROM case_document WHERE kind = 'SERVICE_RECEIPT' AND case_id = '" + caseId
                        + "'"))
                .isEqualTo(2);

        // reissue: a reason is required; a second original is refused; the reissue takes the next number
        problem(issueSpec(caseId, city(), Map.of("kind", "PENALTY_DECISION"), null), 409, "document-exists");
        field(
                issueSpec(caseId, city(), Map.of("kind", "PENALTY_DECISION", "reissueOf", decision.get("id")), null),
                400,
                "reason");
        Map<String, Object> reissue = issue(
                caseId,
                city(),
                Map.of("kind", "PENALTY_DECISION", "reissueOf", decision.get("id"), "reason", "当事人名称笔误，重新制作"),
                201);
        assertThat(reissue)
                .containsEntry("documentNo", "并环罚〔" + year + "〕2号")
                .containsEntry("reissueOf", decision.get("id"))
                .containsEntry("reissueReason", "当事人名称笔误，重新制作");
        problem(
                issueSpec(
                        caseId,
                        city(),
                        Map.of("kind", "PENALTY_DECISION", "reissueOf", decision.get("id"), "reason", "再来一次"),
                        null),
                409,
                "document-already-reissued");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'document.reissue' AND details->>'reason' = "
                        + "'当事人名称笔误，重新制作' AND details->>'documentNo' = '并环罚〔" + year + "〕2号'"))
                .isOne();
        // one audit row per issued document: 8 issued + 1 reissue
        assertThat(count("SELECT count(*) FROM audit_log WHERE action IN ('document.issue', 'document.reissue') "
                        + "AND details->>'caseId' = '" + caseId + "'"))
                .isEqualTo(count("SELECT count(*) FROM case_document WHERE case_id = '" + caseId + "'"))
                .isEqualTo(8);

        // the list is paged and says which document replaced which
        Map<String, Object> page = get("/api/v1/cases/" + caseId + "/documents?size=3&sort=documentNo,asc", city())
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(((Number) page.get("total")).intValue()).isEqualTo(8);
        assertThat((List<?>) page.get("items")).hasSize(3);
        Map<String, Object> decisions = get(
                        "/api/v1/cases/" + caseId + "/documents?kind=PENALTY_DECISION&sort=documentNo,desc", city())
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat((List<Map<String, Object>>) decisions.get("items"))
                .extracting(d -> d.get("reissuedBy"))
                .containsExactly(null, reissue.get("id")); // 〔year〕2号 (the reissue) first, then 1号 it replaced

        // what was issued never changes: the stored bytes are those downloaded, and the row refuses an update
        byte[] pdf = download(caseId, (String) decision.get("id"), "pdf", city());
        assertThat(DocumentService.sha256(pdf)).isEqualTo(decision.get("pdfSha256"));
        assertThatThrownBy(() -> db.sql("UPDATE case_document SET title = 'x' WHERE id = '" + decision.get("id") + "'")
                        .then()
                        .block())
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> db.sql("DELETE FROM case_document WHERE id = '" + decision.get("id") + "'")
                        .then()
                        .block())
                .hasMessageContaining("immutable");

        // outside the case's scope: the list and both downloads are 404, as the case is
        String datong = TestJwts.token("CITY", "140200");
        problem(get("/api/v1/cases/" + caseId + "/documents", datong), 404, "case-not-found");
        problem(
                get("/api/v1/cases/" + caseId + "/documents/" + decision.get("id") + "/pdf", datong),
                404,
                "case-not-found");
        problem(
                get("/api/v1/cases/" + caseId + "/documents/" + decision.get("id") + "/docx", datong),
                404,
                "case-not-found");
        problem(issueSpec(caseId, datong, Map.of("kind", "INSPECTION_RECORD"), null), 404, "case-not-found");
        // a document of another case is not found under this one
        problem(
                get("/api/v1/cases/" + UUID.randomUUID() + "/documents/" + decision.get("id") + "/pdf", city()),
                404,
                "case-not-found");
    }

    @Test
    void aNoPenaltyDecisionCitesTheRuleAndTheVerifiedCorrection() throws Exception {
        LocalDate today = clock.today();
        String permit = permit();
        InspectionFixtures.unit(db, permit, UNIT, COUNTY, "COKING");
        UUID record = record(permit, today.minusDays(1), COUNTY);
        String caseId = openCase(finding(record, "LEDGER_INCOMPLETE", "第三十七条第（一）项", today.minusDays(1)), county());
        String rect = (String) post(
                        "/api/v1/cases/" + caseId + "/rectification",
                        county(),
                        Map.of(
                                "requirements",
                                "补齐台账记录",
                                "deadline",
                                today.plusDays(5).toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("rectificationId");
        post(
                        "/api/v1/rectifications/" + rect + "/verification",
                        county(),
                        Map.of("recordId", record(permit, today, COUNTY).toString(), "result", "COMPLETE"))
                .expectStatus()
                .isCreated();
        Map<String, Object> p = post(
                        "/api/v1/cases/" + caseId + "/penalty-proposal", county(), proposal("SLIGHT", "ACTIVE"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        post(
                        "/api/v1/cases/" + caseId + "/decision",
                        city(),
                        Map.of("proposalId", p.get("proposalId"), "kind", "NO_PENALTY"))
                .expectStatus()
                .isCreated();
        problem(issueSpec(caseId, city(), Map.of("kind", "PENALTY_DECISION"), null), 409, "fine-decision-required");
        Map<String, Object> doc = issue(caseId, city(), Map.of("kind", "NO_PENALTY_DECISION"), 201);
        for (String text : texts(caseId, doc)) {
            assertThat(text)
                    .contains("不予行政处罚决定书", "并环不罚〔" + today.getYear() + "〕1号")
                    .contains("《排污许可管理条例》第三十七条第（一）项")
                    .contains("于" + day(today.plusDays(5)) + "前改正（" + day(today) + "复查核实）")
                    .contains("第三十三条第一款", "晋环发〔2022〕18号", "不予行政处罚")
                    .doesNotContain("罚款人民币");
        }
    }

    @Test
    void twentyParallelIssuesAreNumberedOneToTwentyWithoutGapOrDuplicate() throws Exception {
        // Datong (140200): a sequence no other test of the class uses
        LocalDate today = clock.today();
        String datongCounty = "140202";
        List<String> caseIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String permit = permit();
            InspectionFixtures.unit(db, permit, "大同测试电厂" + i, datongCounty, "THERMAL_POWER");
            UUID record = record(permit, today.minusDays(1), datongCounty);
            caseIds.add(openCase(
                    finding(record, "EXCEEDING_LIMITS", "34(1)", today.minusDays(1)),
                    TestJwts.token("COUNTY", datongCounty)));
        }
        String datong = TestJwts.token("CITY", "140200");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Map<String, Object>>> calls = new ArrayList<>();
            for (String caseId : caseIds) {
                calls.add(() -> body(issueSpec(caseId, datong, Map.of("kind", "INSPECTION_RECORD"), null), 201));
            }
            List<Integer> seqs = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            for (Future<Map<String, Object>> f : pool.invokeAll(calls)) {
                Map<String, Object> d = f.get();
                seqs.add((Integer) d.get("seq"));
                numbers.add((String) d.get("documentNo"));
            }
            List<Integer> oneToTwenty = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                oneToTwenty.add(i);
            }
            assertThat(seqs).containsExactlyInAnyOrderElementsOf(oneToTwenty);
            assertThat(numbers).doesNotHaveDuplicates().allMatch(n -> n.matches("同环检笔〔" + today.getYear() + "〕\\d+号"));
            assertThat(count("SELECT last_no FROM document_number_counter WHERE bureau_division = '140200' "
                            + "AND kind = 'INSPECTION_RECORD'"))
                    .isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePdfEmbedsASubsetOfTheCjkFont() throws Exception {
        // Yangquan (140300): the class's other tests number Taiyuan's and Datong's documents
        LocalDate today = clock.today();
        String permit = permit();
        String yangquan = TestJwts.token("COUNTY", "140302");
        InspectionFixtures.unit(db, permit, "阳泉市鑫焱化工有限公司", "140302", "COKING");
        UUID record = record(permit, today.minusDays(1), "140302");
        String caseId = openCase(finding(record, "EXCEEDING_LIMITS", "34(1)", today.minusDays(1)), yangquan);
        Map<String, Object> doc = issue(caseId, yangquan, Map.of("kind", "INSPECTION_RECORD"), 201);
        assertThat(doc).containsEntry("documentNo", "阳环检笔〔" + today.getYear() + "〕1号");
        byte[] pdf = download(caseId, (String) doc.get("id"), "pdf", yangquan);
        try (PDDocument pd = Loader.loadPDF(pdf)) {
            int cjkFonts = 0;
            for (PDPage page : pd.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    if (font instanceof PDType0Font type0) {
                        cjkFonts++;
                        // a subset: the name carries a six-letter tag (ABCDEF+WenQuanYi…)
                        assertThat(type0.getName()).matches("[A-Z]{6}\\+.*WenQuanYi.*");
                        // the subset is inside the file, and far smaller than the 1.27 MB font it was cut from
                        int embedded = type0.getDescendantFont()
                                .getFontDescriptor()
                                .getFontFile2()
                                .toByteArray()
                                .length;
                        assertThat(embedded).isBetween(1_000, 200_000);
                    }
                }
            }
            assertThat(cjkFonts).isPositive();
        }
        // only the glyphs used are embedded: far below the 1.27 MB font
        assertThat(pdf.length).isLessThan(150_000);
    }

    @Test
    void everyShippedTemplateNamesOnlyValuesItsKindHas() {
        for (DocumentKind kind : DocumentKind.values()) {
            DocumentTemplate t = templates.current(kind).block();
            // the rules a province's new version must pass hold for the shipped ones too
            TemplateVersions.validate(new TemplateController.NewVersion(kind, t.title(), t.numberWord(), t.blocks()));
        }
    }

    @Test
    void theProvincePublishesATemplateVersionThatLaterDocumentsUseAndRecord() throws Exception {
        String province = TestJwts.token("PROVINCE", "140000");
        Map<String, Object> current = get("/api/v1/document-templates?kind=SERVICE_RECEIPT", province)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> latest = ((List<Map<String, Object>>) current.get("items")).get(0);
        int version = (Integer) latest.get("version");
        List<Map<String, Object>> blocks = new ArrayList<>((List<Map<String, Object>>) latest.get("blocks"));
        blocks.add(blocks.size() - 1, Map.of("style", "TEXT", "text", "本回证一式两份，一份交受送达人，一份附卷。"));
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("kind", "SERVICE_RECEIPT");
        next.put("title", "送达回证");
        next.put("numberWord", "送");
        next.put("blocks", blocks);

        problem(
                post("/api/v1/document-templates", TestJwts.token("CITY", CITY), next),
                403,
                "template-write-forbidden");
        Map<String, Object> unknown = new LinkedHashMap<>(next);
        List<Map<String, Object>> wrong = new ArrayList<>(blocks);
        wrong.set(1, Map.of("style", "TITLE", "text", "送达回证（罚款{{amount}}）"));
        unknown.put("blocks", wrong);
        field(post("/api/v1/document-templates", province, unknown), 400, "blocks[1].text");
        Map<String, Object> unnumbered = new LinkedHashMap<>(next);
        unnumbered.put(
                "blocks",
                blocks.stream().filter(b -> !"NUMBER".equals(b.get("style"))).toList());
        field(post("/api/v1/document-templates", province, unnumbered), 400, "blocks");

        Map<String, Object> published = body(post("/api/v1/document-templates", province, next), 201);
        assertThat(published)
                .containsEntry("version", version + 1)
                .containsEntry("kind", "SERVICE_RECEIPT")
                .containsEntry("documentKind", "SERVICE_RECEIPT");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'document-template.publish' AND resource_id = "
                        + "'SERVICE_RECEIPT/" + (version + 1) + "'"))
                .isOne();

        // Jinzhong (140700): a receipt issued now is printed from, and records, the new version
        LocalDate today = clock.today();
        String permit = permit();
        String jinzhong = TestJwts.token("COUNTY", "140702");
        InspectionFixtures.unit(db, permit, "晋中市榆次焦化有限公司", "140702", "COKING");
        UUID record = record(permit, today.minusDays(1), "140702");
        String caseId = openCase(finding(record, "EXCEEDING_LIMITS", "34(1)", today.minusDays(1)), jinzhong);
        Map<String, Object> inspection = issue(caseId, jinzhong, Map.of("kind", "INSPECTION_RECORD"), 201);
        Map<String, Object> receipt =
                issue(caseId, jinzhong, Map.of("kind", "SERVICE_RECEIPT", "subjectId", inspection.get("id")), 201);
        assertThat(receipt)
                .containsEntry("templateVersion", version + 1)
                .containsEntry("documentNo", "晋中环送〔" + today.getYear() + "〕1号");
        for (String text : texts(caseId, receipt, jinzhong)) {
            assertThat(text).contains("本回证一式两份，一份交受送达人，一份附卷。", "晋中环检笔〔" + today.getYear() + "〕1号");
        }
    }

    @Test
    void anInterviewIsRecordedCheckedMaskedAndPrintedAsItsRecord() throws Exception {
        LocalDate today = clock.today();
        int year = today.getYear();
        String permit = permit();
        InspectionFixtures.unit(db, permit, UNIT, COUNTY, "COKING");
        UUID record = record(permit, today.minusDays(2), COUNTY);
        String caseId = openCase(finding(record, "EXCEEDING_LIMITS", "34(1)", today.minusDays(2)), county());
        String wang = officer("王建国", "140105", "14010020260" + SEQ.incrementAndGet());
        String li = officer("李明", "140100", "14010020261" + SEQ.incrementAndGet());
        String datongOfficer = officer("赵强", "140200", "14020020260" + SEQ.incrementAndGet());
        OffsetDateTime start = today.minusDays(1).atTime(14, 0).atOffset(CST);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intervieweeName", "张志强");
        body.put("intervieweeIdNumber", "14010519800101123x");
        body.put("intervieweeRole", "环保负责人");
        body.put("place", "太原市晋源焦化有限公司会议室");
        body.put("startedAt", start.toString());
        body.put("endedAt", start.plusMinutes(45).toString());
        body.put("officerIds", List.of(wang, li));
        body.put(
                "questions",
                List.of(
                        Map.of("question", "脱硫设施旁路烟道为何开启？", "answer", "检修循环泵时临时开启，未向环保部门报告。"),
                        Map.of("question", "开启了多长时间？", "answer", "从前一天晚上八点到检查时。")));
        body.put("confirmation", "以上笔录我已看过，与我说的一致");

        // every fault named at once, nothing stored: end before start, no questions, one officer, ID not 18 characters
        Map<String, Object> bad = new LinkedHashMap<>(body);
        bad.put("endedAt", start.minusMinutes(5).toString());
        bad.put("questions", List.of());
        bad.put("officerIds", List.of(wang));
        bad.put("intervieweeIdNumber", "1401051980");
        for (String f : List.of("endedAt", "questions", "officerIds", "intervieweeIdNumber")) {
            field(post("/api/v1/cases/" + caseId + "/interviews", county(), bad), 400, f);
        }
        Map<String, Object> blankAnswer = new LinkedHashMap<>(body);
        blankAnswer.put("questions", List.of(Map.of("question", "单位名称？", "answer", " ")));
        field(post("/api/v1/cases/" + caseId + "/interviews", county(), blankAnswer), 400, "questions[0].answer");
        // an officer of another city's directory cannot sign a Taiyuan case's record
        Map<String, Object> foreign = new LinkedHashMap<>(body);
        foreign.put("officerIds", List.of(wang, datongOfficer));
        field(post("/api/v1/cases/" + caseId + "/interviews", county(), foreign), 400, "officerIds[1]");
        assertThat(count("SELECT count(*) FROM case_interview WHERE case_id = '" + caseId + "'"))
                .isZero();
        // outside the case's division: 404 as for the case itself
        problem(
                post("/api/v1/cases/" + caseId + "/interviews", TestJwts.token("CITY", "140200"), body),
                404,
                "case-not-found");

        // county staff without pii:read: 张志强 → 张** (surname kept), 14010519800101123X → 140105 + 8 stars + 123X
        Map<String, Object> interview = body(post("/api/v1/cases/" + caseId + "/interviews", county(), body), 201);
        assertThat(interview)
                .containsEntry("intervieweeName", "张**")
                .containsEntry("intervieweeIdNumber", "140105********123X")
                .containsEntry("intervieweeRole", "环保负责人");
        assertThat((List<Map<String, Object>>) interview.get("officers"))
                .extracting(o -> o.get("name"))
                .containsExactly("王建国", "李明");
        String interviewId = (String) interview.get("id");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'interview.record' AND resource_id = '"
                        + interviewId + "' AND details->>'interviewee' = '张**'"))
                .isOne();
        // with pii:read the list shows the ID number as stored (a lower-case x made upper-case)
        String piiReader = TestJwts.builder()
                .roles("CITY")
                .division(CITY)
                .scopes("pii:read")
                .build();
        Map<String, Object> page = get("/api/v1/cases/" + caseId + "/interviews", piiReader)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).containsEntry("total", 1);
        assertThat(((List<Map<String, Object>>) page.get("items")).get(0))
                .containsEntry("intervieweeName", "张志强")
                .containsEntry("intervieweeIdNumber", "14010519800101123X");
        problem(
                get("/api/v1/cases/" + caseId + "/interviews", TestJwts.token("CITY", "140200")),
                404,
                "case-not-found");
        assertThatThrownBy(() -> db.sql("DELETE FROM case_interview WHERE id = '" + interviewId + "'")
                        .then()
                        .block())
                .hasMessageContaining("immutable");

        // printed: the interview is the subject; numbered in its own sequence (询笔, ADR 0042)
        field(issueSpec(caseId, county(), Map.of("kind", "INTERVIEW_RECORD"), null), 400, "subjectId");
        problem(
                issueSpec(
                        caseId,
                        county(),
                        Map.of(
                                "kind",
                                "INTERVIEW_RECORD",
                                "subjectId",
                                UUID.randomUUID().toString()),
                        null),
                409,
                "interview-not-recorded");
        Map<String, Object> printed =
                issue(caseId, county(), Map.of("kind", "INTERVIEW_RECORD", "subjectId", interviewId), 201);
        String number = "并环询笔〔" + year + "〕1号";
        assertThat(printed)
                .containsEntry("documentNo", number)
                .containsEntry("templateVersion", 1)
                .containsEntry("documentKind", "INTERVIEW_RECORD");
        // `kind` keeps contract 1.0.0's enum: a kind added since is absent there (ADR 0042)
        assertThat(printed.get("kind")).isNull();
        String on = day(today.minusDays(1));
        for (String text : texts(caseId, printed)) {
            assertThat(text)
                    .contains("调查询问笔录", number, "太原市生态环境局")
                    // the signed record carries the name and ID number in full
                    .contains("被询问人：张志强", "身份证号码：14010519800101123X", "职务或与单位关系：环保负责人")
                    .contains("询问地点：太原市晋源焦化有限公司会议室", "工作单位：" + UNIT)
                    .contains("询问时间：" + on + "14时00分至" + on + "14时45分")
                    .contains("王建国（执法证号", "李明（执法证号")
                    .contains("问：脱硫设施旁路烟道为何开启？", "答：检修循环泵时临时开启，未向环保部门报告。")
                    .contains("问：开启了多长时间？", "答：从前一天晚上八点到检查时。")
                    .contains("被询问人意见：以上笔录我已看过，与我说的一致");
        }
    }

    @Test
    void theDocumentListSortsDocumentNumbersAsNumbers() {
        // Changzhi (140400): no other test numbers its documents. An inspection record reissued ten times holds
        // 长环检笔〔year〕1号 … 11号 in one case; as text 10号 and 11号 would sort between 1号 and 2号.
        LocalDate today = clock.today();
        String permit = permit();
        String changzhi = TestJwts.token("CITY", "140400");
        InspectionFixtures.unit(db, permit, "长治市潞安焦化有限公司", "140402", "COKING");
        UUID record = record(permit, today.minusDays(1), "140402");
        String caseId = openCase(finding(record, "EXCEEDING_LIMITS", "34(1)", today.minusDays(1)), changzhi);
        Map<String, Object> current = issue(caseId, changzhi, Map.of("kind", "INSPECTION_RECORD"), 201);
        for (int i = 0; i < 10; i++) {
            current = issue(
                    caseId,
                    changzhi,
                    Map.of("kind", "INSPECTION_RECORD", "reissueOf", current.get("id"), "reason", "更正第" + i + "处笔误"),
                    201);
        }
        List<Integer> oneToEleven = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        List<Integer> elevenToOne = List.of(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(seqs(caseId, changzhi, "documentNo,asc")).isEqualTo(oneToEleven);
        assertThat(seqs(caseId, changzhi, "documentNo,desc")).isEqualTo(elevenToOne);
    }

    private List<Integer> seqs(String caseId, String token, String sort) {
        Map<String, Object> page = get("/api/v1/cases/" + caseId + "/documents?size=50&sort=" + sort, token)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return ((List<Map<String, Object>>) page.get("items"))
                .stream().map(d -> (Integer) d.get("seq")).toList();
    }

    /** An inspector of the directory with a name and 执法证号 (a document prints both). */
    private String officer(String name, String division, String certificate) {
        UUID id = UUID.randomUUID();
        db.sql(
                        "INSERT INTO inspector (id, certificate_no, name, division_code, on_post) VALUES (:id, :c, :n, :d, true)")
                .bind("id", id)
                .bind("c", certificate)
                .bind("n", name)
                .bind("d", division)
                .then()
                .block();
        return id.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private List<String> texts(String caseId, Map<String, Object> doc) throws Exception {
        return texts(caseId, doc, city());
    }

    private List<String> texts(String caseId, Map<String, Object> doc, String token) throws Exception {
        String id = (String) doc.get("id");
        byte[] docx = download(caseId, id, "docx", token);
        byte[] pdf = download(caseId, id, "pdf", token);
        assertThat(DocumentService.sha256(docx)).isEqualTo(doc.get("docxSha256"));
        assertThat(DocumentService.sha256(pdf)).isEqualTo(doc.get("pdfSha256"));
        String word;
        try (XWPFWordExtractor extractor = new XWPFWordExtractor(new XWPFDocument(new ByteArrayInputStream(docx)))) {
            word = extractor.getText();
        }
        String print;
        try (PDDocument pd = Loader.loadPDF(pdf)) {
            print = new PDFTextStripper().getText(pd);
        }
        // The PDF wraps lines (and a table cell wraps a hash) where the page ends: compare without whitespace.
        return List.of(word.replaceAll("\\s", ""), print.replaceAll("\\s", ""));
    }

    private byte[] download(String caseId, String documentId, String format, String token) {
        return web.get()
                .uri("/api/v1/cases/" + caseId + "/documents/" + documentId + "/" + format)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> issue(String caseId, String token, Map<String, Object> body, int status) {
        return body(issueSpec(caseId, token, body, null), status);
    }

    private WebTestClient.ResponseSpec issueSpec(String caseId, String token, Map<String, ?> body, String key) {
        var spec = web.post()
                .uri("/api/v1/cases/" + caseId + "/documents")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static Map<String, Object> body(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private LocalDate decidedOn(String caseId, String kind) {
        OffsetDateTime at = db.sql("SELECT decided_at FROM penalty_decision WHERE case_id = '" + caseId
                        + "' AND kind = '" + kind + "'")
                .map(r -> r.get(0, OffsetDateTime.class))
                .one()
                .block();
        return at.atZoneSameInstant(CST).toLocalDate();
    }

    private static String day(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private static String county() {
        return TestJwts.token("COUNTY", COUNTY);
    }

    private static String city() {
        return TestJwts.token("CITY", CITY);
    }

    private static String permit() {
        return "91140105MA0DOCS" + String.format("%03d", SEQ.incrementAndGet()) + "001P";
    }

    private String openCase(UUID finding, String token) {
        return (String) post("/api/v1/cases", token, Map.of("findingId", finding.toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    /** A submitted record inspected on {@code day} at 10:00 CST: one exceedance of SO2 at DA001. */
    private UUID record(String permit, LocalDate day, String county) {
        UUID id = UUID.randomUUID();
        String content = """
                {"inspectedAt":"%s","notes":"企业正常生产，脱硫设施运行中",
                 "items":[{"itemNo":3,"code":"3.GENERAL","title":"超标排放检查","violationType":"EXCEEDING_LIMITS",
                           "article":"34(1)","result":"NON_COMPLIANT","notes":"脱硫设施旁路烟道开启"}],
                 "measurements":[{"outletCode":"DA001","pollutantCode":"SO2","pollutantName":"二氧化硫","value":180,
                                  "unit":"mg/m3","averaging":"HOURLY","limit":100,"exceeded":true}]}""".formatted(day.atTime(10, 0).atOffset(CST));
        db.sql("""
                        INSERT INTO inspection_record (id, task_id, permit_number, unit_name, division_code, city_code,
                            key_industry, checklist_version_id, status, current_version, content, created_by, submitted_at)
                        SELECT :id, :task, :permit, u.unit_name, u.division_code, :city, 'COKING', :checklist, 'SUBMITTED',
                            1, :content::jsonb, 'test', now() FROM directory_unit u WHERE u.permit_number = :permit""")
                .bind("id", id)
                .bind("task", UUID.randomUUID())
                .bind("permit", permit)
                .bind("city", county.substring(0, 4) + "00")
                .bind("checklist", UUID.randomUUID())
                .bind("content", content)
                .then()
                .block();
        return id;
    }

    /** The photo kept in object storage for the record (ADR 0031), as the evidence feature stores it. */
    private void keptPhoto(UUID record, LocalDate day) {
        db.sql("""
                        INSERT INTO evidence_file (id, record_id, object_key, file_name, media_type, size, sha256, taken_at,
                            status, declared_by, declared_at, confirmed_by, confirmed_at)
                        VALUES (:id, :record, :key, '脱硫塔出口.jpg', 'image/jpeg', 245760, :sha, :taken, 'KEPT', 'test',
                            now(), 'test', now())""")
                .bind("id", UUID.randomUUID())
                .bind("record", record)
                .bind("key", "evidence/" + UUID.randomUUID())
                .bind("sha", PHOTO_SHA)
                .bind("taken", day.atTime(10, 5).atOffset(CST))
                .then()
                .block();
    }

    /** An active finding of the record, citing the photo (also kept) and a monitoring report (declared only). */
    private UUID finding(UUID record, String violationType, String article, LocalDate day) {
        UUID id = UUID.randomUUID();
        String evidence = "[{\"fileName\":\"脱硫塔出口.jpg\",\"sha256\":\"" + PHOTO_SHA + "\",\"size\":245760},"
                + "{\"fileName\":\"监测报告.pdf\",\"sha256\":\"" + REPORT_SHA + "\",\"size\":80211}]";
        db.sql("""
                        INSERT INTO finding (id, record_id, record_version, task_id, item_id, item_code, item_no, item_title,
                            violation_type, article, permit_number, unit_name, division_code, city_code, key_industry, notes,
                            evidence, measurements, fingerprint, status, inspected_at)
                        SELECT :id, r.id, 1, r.task_id, :item, '3.GENERAL', 3, '超标排放检查', :type, :article,
                            r.permit_number, r.unit_name, r.division_code, r.city_code, r.key_industry,
                            '二氧化硫小时均值180mg/m3，超过许可限值100mg/m3', :evidence::jsonb, '[]', 'fp', 'ACTIVE', :at
                        FROM inspection_record r WHERE r.id = :record""")
                .bind("id", id)
                .bind("item", UUID.randomUUID())
                .bind("type", violationType)
                .bind("article", article)
                .bind("evidence", evidence)
                .bind("at", day.atTime(10, 0).atOffset(CST))
                .bind("record", record)
                .then()
                .block();
        return id;
    }

    private static Map<String, Object> proposal(String harm, String attitude) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("factors", Map.of("HARM", harm, "FAULT", "NEGLIGENT", "METHOD", "ORDINARY", "ATTITUDE", attitude));
        m.put("adjustments", List.of());
        return m;
    }

    /** The procedure a FINE needs (ADR 0041): notice served, statement and hearing waived, review and discussion. */
    private void readyToDecide(String caseId, LocalDate today) {
        String proposalId = (String) db.sql("SELECT id::text AS id FROM penalty_proposal WHERE case_id = '" + caseId
                        + "' ORDER BY created_at DESC LIMIT 1")
                .map(r -> r.get("id", String.class))
                .one()
                .block();
        String base = "/api/v1/cases/" + caseId + "/procedure/";
        post(
                        base + "notice",
                        city(),
                        Map.of("proposalId", proposalId, "servedOn", today.toString(), "method", "DIRECT"))
                .expectStatus()
                .isOk();
        post(base + "statement", city(), Map.of("on", today.toString(), "waived", true, "hearingWaived", true))
                .expectStatus()
                .isOk();
        post(
                        base + "review",
                        city(),
                        Map.of(
                                "reviewedOn", today.toString(),
                                "reviewer", "法制科",
                                "opinion", "事实清楚，程序合法",
                                "discussedOn", today.toString(),
                                "discussionNote", "集体讨论同意"))
                .expectStatus()
                .isOk();
    }

    private WebTestClient.ResponseSpec post(String uri, String token, Object body) {
        return web.post()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec get(String uri, String token) {
        return web.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    private long count(String sql) {
        return ((Number) db.sql(sql).map(r -> r.get(0)).one().block()).longValue();
    }
}
