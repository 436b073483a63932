package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.api.SoftAssertions;

/**
 * The scope holes of issue 11 (item 3) and personal data (item 5), against the campaign's own data: an inspector
 * without an assignment reads no case, only the drawing bureau publishes a draw, liaisons' phones and e-mails are
 * masked for every caller without {@code pii:read}.
 */
final class ScopeChecks {

    private static final String PHONE = "13912345678";
    private static final String EMAIL = "scope.probe@xinzhou.example.cn";
    /** Xinzhou: a city the campaign does not touch, so its liaison roles are free. */
    private static final String LIAISON_CITY = "140900";

    private final Campaign c;

    ScopeChecks(Campaign campaign) {
        this.c = campaign;
    }

    /** Item 3, second bullet: the assigned-only scope of records holds on every path exposing case data. */
    void unassignedInspectorReadsNoCase() {
        String stranger = c.platform.token(
                "INSPECTOR", Campaign.CITY, "--sub", UUID.randomUUID().toString());
        Enforcement.Outcome e = c.enforcement;
        SoftAssertions soft = new SoftAssertions();
        Api.Reply list = c.gateway.get("/api/v1/cases?size=100", stranger);
        soft.assertThat(list.status()).as("case list: %s", list).isIn(200, 403);
        if (list.status() == 200) {
            soft.assertThat(list.json().get("items"))
                    .as("cases an unassigned inspector lists")
                    .isEmpty();
        }
        Api.Reply queue = c.gateway.get("/api/v1/cases/queue?size=100", stranger);
        soft.assertThat(queue.status()).as("case queue: %s", queue).isIn(200, 403);
        if (queue.status() == 200) {
            soft.assertThat(queue.json().get("items"))
                    .as("findings an unassigned inspector queues")
                    .isEmpty();
        }
        for (String id : List.of(e.caseA, e.openCase)) {
            Api.Reply one = c.gateway.get("/api/v1/cases/" + id, stranger);
            soft.assertThat(one.status()).as("case %s: %s", id, one).isIn(403, 404);
            soft.assertThat(one.isProblem()).isTrue();
        }
        Api.Reply history = c.gateway.get("/api/v1/reports/units/" + c.scenarioPermit, stranger);
        soft.assertThat(history.status())
                .as("the scenario unit's history: %s", history)
                .isIn(403, 404);
        soft.assertThat(history.body())
                .as("no case figure leaks")
                .doesNotContain("300000")
                .doesNotContain("caseId");
        soft.assertAll();
        // The same paths answer a Taiyuan city user: the refusals above are about the inspector, not broken paths.
        assertThat(c.gateway.get("/api/v1/cases/" + e.caseA, c.city()).status()).isEqualTo(200);
        assertThat(c.gateway
                        .get("/api/v1/reports/units/" + c.scenarioPermit, c.city())
                        .status())
                .isEqualTo(200);
    }

    /** Item 3, fourth bullet: publishing a draw is for the drawing bureau; an unknown draw is a 404, never a 200. */
    void onlyTheDrawingBureauPublishes() {
        String county = c.platform.token("COUNTY", "140105", "--sub", "xiaodian-county");
        String inspector = c.platform.token("INSPECTOR", Campaign.CITY, "--sub", c.inspectorIds.get(0));
        SoftAssertions soft = new SoftAssertions();
        for (String[] who : new String[][] {{"a Taiyuan county", county}, {"an inspector", inspector}}) {
            Api.Reply reply = c.gateway.post("/api/v1/draws/" + c.drawId + "/publish", who[1], null);
            soft.assertThat(reply.status())
                    .as("%s publishes: %s", who[0], reply)
                    .isEqualTo(403);
            soft.assertThat(reply.isProblem()).as("%s: problem+json", who[0]).isTrue();
        }
        Api.Reply unknown = c.gateway.post("/api/v1/draws/" + UUID.randomUUID() + "/publish", c.city(), null);
        soft.assertThat(unknown.status()).as("an unknown draw: %s", unknown).isEqualTo(404);
        soft.assertThat(unknown.isProblem()).isTrue();
        soft.assertAll();
    }

    /** Item 5: phone and e-mail are masked for every caller without pii:read, in the list, the detail and XLSX. */
    void personalDataIsMaskedWithoutTheScope() {
        String id = liaison();
        String provinceWithout = c.platform.token("PROVINCE", "140000", "--sub", "province-no-pii");
        String sameCity = c.platform.token("CITY", LIAISON_CITY, "--sub", "xinzhou-city");
        SoftAssertions soft = new SoftAssertions();
        for (String[] who : new String[][] {
            {"the province without pii:read", provinceWithout}, {"the liaison's own city without pii:read", sameCity}
        }) {
            String list = c.gateway.get("/api/v1/liaisons?size=100", who[1]).body();
            String detail = c.gateway.get("/api/v1/liaisons/" + id, who[1]).body();
            String sheet = String.join(
                    "\n",
                    cells(c.gateway
                            .download("/api/v1/liaisons/export.xlsx", who[1])
                            .body()));
            for (String[] view : new String[][] {{"list", list}, {"detail", detail}, {"export.xlsx", sheet}}) {
                soft.assertThat(view[1])
                        .as("%s, %s", who[0], view[0])
                        .doesNotContain(PHONE)
                        .doesNotContain(EMAIL);
            }
            soft.assertThat(detail)
                    .as("%s still sees that there is a phone", who[0])
                    .contains(PHONE.substring(0, 3));
        }
        // With the scope the same views are clear: the masking is about the right, not a broken field.
        String detail = c.gateway.get("/api/v1/liaisons/" + id, c.province()).body();
        soft.assertThat(detail).as("the province with pii:read").contains(PHONE).contains(EMAIL);
        soft.assertAll();
    }

    private String liaison() {
        Api.Reply created = c.gateway.post(
                "/api/v1/liaisons",
                c.province(),
                Map.of(
                        "role",
                        "ENFORCEMENT",
                        "divisionCode",
                        LIAISON_CITY,
                        "personName",
                        "范围探针",
                        "organisation",
                        "忻州市生态环境局",
                        "position",
                        "科长",
                        "phone",
                        PHONE,
                        "email",
                        EMAIL));
        assertThat(created.status()).as("a Xinzhou liaison: %s", created).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /**
     * Issue 12 item 8: the printable 附件2 of a drawn task, through the gateway — pre-filled for its unit (name and
     * permit number from the directory) for the task's city, a 404 problem for another city, and a PDF by default.
     */
    void checklistFormIsPrefilledForTheTaskAndScoped() {
        Map.Entry<String, String> task = c.tasks.entrySet().iterator().next();
        String permit = task.getKey();
        String path = "/api/v1/checklists/current/form?taskId=" + task.getValue();
        Api.Download sheet = c.gateway.download(path + "&format=xlsx", c.city());
        assertThat(sheet.status()).as("the form of task %s", task.getValue()).isEqualTo(200);
        List<String> cells = cells(sheet.body());
        String unitName = c.gateway
                .get("/api/v1/tasks/" + task.getValue(), c.city())
                .json()
                .get("unitName")
                .asString();
        assertThat(cells).contains(permit, unitName, "是", "否", "不涉及", "□");
        Api.Download pdf = c.gateway.download(path, c.city());
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        Api.Download foreign = c.gateway.download(path, c.platform.token("CITY", "140200", "--sub", "datong-city"));
        assertThat(foreign.status()).as("another city's token").isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
    }

    private static List<String> cells(byte[] xlsx) {
        List<String> out = new ArrayList<>();
        DataFormatter format = new DataFormatter();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        out.add(format.formatCellValue(cell));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the liaison export is not an XLSX workbook", e);
        }
        assertThat(out).as("the export has rows").isNotEmpty();
        return out;
    }
}
