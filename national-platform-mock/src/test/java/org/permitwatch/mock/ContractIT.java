package org.permitwatch.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.mock.PlatformClient.Reply;
import org.permitwatch.mock.dataset.PermitSummary;
import org.permitwatch.mock.dataset.PlatformPermit;
import org.permitwatch.mock.server.Json;

/** The HTTP contract of NATIONAL_PLATFORM_API.md against a running mock. */
class ContractIT {

    private static final List<String> SUMMARY_FIELDS = List.of(
            "permitNo",
            "uscc",
            "unitName",
            "provinceCode",
            "cityCode",
            "countyCode",
            "industryCode",
            "industryName",
            "managementCategory",
            "status",
            "issueDate",
            "validFrom",
            "validTo",
            "issuingAuthority",
            "version",
            "updatedAt");
    private static final List<String> DETAIL_FIELDS = List.of(
            "address",
            "legalRepresentative",
            "longitude",
            "latitude",
            "outlets",
            "fugitiveControls",
            "selfMonitoring",
            "executionReports",
            "specialPeriods");

    private static NationalPlatformMock mock;
    private static PlatformClient client;

    @BeforeAll
    static void start() {
        mock = NationalPlatformMock.start(
                MockOptions.builder().size(2_000).seed(42L).build());
        client = new PlatformClient(mock);
    }

    @AfterAll
    static void stop() {
        mock.stop();
    }

    @Test
    void tokenNeedsClientCredentials() {
        Reply ok = client.tokenRequest(
                "grant_type=client_credentials&client_id=" + mock.clientId() + "&client_secret=" + mock.clientSecret());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json())
                .containsEntry("token_type", "bearer")
                .containsEntry("expires_in", 7200)
                .containsKey("access_token");
        Reply wrongSecret = client.tokenRequest(
                "grant_type=client_credentials&client_id=" + mock.clientId() + "&client_secret=nope");
        assertThat(wrongSecret.status()).isEqualTo(401);
        Reply wrongGrant = client.tokenRequest(
                "grant_type=password&client_id=" + mock.clientId() + "&client_secret=" + mock.clientSecret());
        assertThat(wrongGrant.status()).isEqualTo(400);
    }

    @Test
    void dataCallsNeedAValidToken() {
        Reply none = client.getWithToken("/api/v1/permits?provinceCode=14", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo(40101);
        Reply bogus = client.getWithToken("/api/v1/permits?provinceCode=14", "made-up");
        assertThat(bogus.status()).isEqualTo(401);
        assertThat(bogus.json()).containsEntry("message", "token无效或已过期");
    }

    @Test
    void listEnvelopeAndRowShape() {
        Reply r = client.list("provinceCode=14&pageNo=1&pageSize=100");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(r.json()).containsEntry("code", 0).containsEntry("message", "成功");
        assertThat(r.data())
                .containsEntry("total", 2000)
                .containsEntry("pageNo", 1)
                .containsEntry("pageSize", 100);
        assertThat(r.records()).hasSize(100);
        Map<String, Object> row = r.records().get(0);
        assertThat(row.keySet()).containsExactlyElementsOf(SUMMARY_FIELDS);
        assertThat((String) row.get("updatedAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
        PermitSummary expected = mock.dataset().summaries().get(0);
        assertThat(row.get("permitNo")).isEqualTo(expected.permitNo());
        assertThat(row.get("updatedAt")).isEqualTo(Json.TIMESTAMP.format(expected.updatedAt()));
    }

    @Test
    void pagingWalksTheWholeDatasetInOrder() {
        List<String> seen = new ArrayList<>();
        String previousKey = "";
        for (int page = 1; ; page++) {
            Reply r = client.list("provinceCode=14&pageNo=" + page + "&pageSize=300");
            List<Map<String, Object>> rows = r.records();
            for (Map<String, Object> row : rows) {
                String key =
                        Instant.from(Json.TIMESTAMP.parse((String) row.get("updatedAt"))) + "|" + row.get("permitNo");
                assertThat(key).isGreaterThan(previousKey);
                previousKey = key;
                seen.add((String) row.get("permitNo"));
            }
            if (rows.size() < 300) {
                assertThat(page).isEqualTo(7);
                break;
            }
        }
        assertThat(seen)
                .containsExactlyElementsOf(mock.dataset().summaries().stream()
                        .map(PermitSummary::permitNo)
                        .toList());
    }

    @Test
    void updatedSinceFiltersInclusivelyWithEncodedOrRawOffset() {
        PermitSummary pivot = mock.dataset().summaries().get(1500);
        String since = Json.TIMESTAMP.format(pivot.updatedAt());
        long expected = mock.dataset().summaries().stream()
                .filter(s -> !s.updatedAt().isBefore(pivot.updatedAt()))
                .count();
        Reply encoded = client.list(
                "provinceCode=14&pageSize=500&updatedSince=" + URLEncoder.encode(since, StandardCharsets.UTF_8));
        Reply raw = client.list("provinceCode=14&pageSize=500&updatedSince=" + since);
        assertThat(((Number) encoded.data().get("total")).longValue())
                .isEqualTo(expected)
                .isLessThan(2000);
        assertThat(raw.data().get("total")).isEqualTo(encoded.data().get("total"));
        assertThat(encoded.records().get(0).get("permitNo"))
                .isIn(mock.dataset().summaries().subList(0, 1501).stream()
                        .filter(s -> s.updatedAt().equals(pivot.updatedAt()))
                        .map(PermitSummary::permitNo)
                        .toList());
    }

    @Test
    void badParametersAnswer40001() {
        assertThat(client.list("provinceCode=14&pageSize=501").code()).isEqualTo(40001);
        assertThat(client.list("provinceCode=14&pageSize=0").code()).isEqualTo(40001);
        assertThat(client.list("provinceCode=14&pageNo=0").code()).isEqualTo(40001);
        assertThat(client.list("provinceCode=14&updatedSince=yesterday").code()).isEqualTo(40001);
        assertThat(client.list("provinceCode=14&updatedSince=2026-01-01T00:00:00")
                        .code())
                .isEqualTo(40001);
        assertThat(client.list("pageSize=10").code()).isEqualTo(40001);
        Reply r = client.list("provinceCode=14&pageSize=500");
        assertThat(r.code()).isZero();
        assertThat(r.records()).hasSize(500);
    }

    @Test
    void otherProvinceIsEmpty() {
        Reply r = client.list("provinceCode=13&pageSize=10");
        assertThat(r.code()).isZero();
        assertThat(r.data()).containsEntry("total", 0);
        assertThat(r.records()).isEmpty();
    }

    @Test
    void detailIsSummaryPlusDetailExactlyAsHeld() {
        PlatformPermit expected = mock.dataset().stream()
                .filter(p -> p.summary().managementCategory().equals("重点管理"))
                .findFirst()
                .orElseThrow();
        Reply r = client.get("/api/v1/permits/" + expected.permitNo());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.code()).isZero();
        List<String> fields = new ArrayList<>(SUMMARY_FIELDS);
        fields.addAll(DETAIL_FIELDS);
        assertThat(r.data().keySet()).containsExactlyElementsOf(fields);
        String expectedJson = Json.write(expected.summary());
        assertThat(r.body()).contains(expectedJson.substring(1, expectedJson.length() - 1));
        String detailJson = Json.write(expected.detail());
        assertThat(r.body()).contains(detailJson.substring(1, detailJson.length() - 1));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outlets = (List<Map<String, Object>>) r.data().get("outlets");
        assertThat(outlets).hasSize(expected.detail().outlets().size());
        assertThat(outlets.get(0).keySet())
                .containsExactly("outletCode", "outletName", "medium", "outletType", "pollutants");
    }

    @Test
    void unknownPermitIs404() {
        Reply r = client.get("/api/v1/permits/91140100MA0000000X001P");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo(40401);
    }

    @Test
    void unknownPermitCanBeCode40401AndBadTokenCode40101() {
        try (NationalPlatformMock other = NationalPlatformMock.start(MockOptions.builder()
                .size(10)
                .notFoundAsHttp404(false)
                .tokenErrorStyle(TokenErrorStyle.CODE_40101)
                .build())) {
            PlatformClient c = new PlatformClient(other);
            Reply missing = c.get("/api/v1/permits/91140100MA0000000X001P");
            assertThat(missing.status()).isEqualTo(200);
            assertThat(missing.code()).isEqualTo(40401);
            Reply bad = c.getWithToken("/api/v1/permits?provinceCode=14", "made-up");
            assertThat(bad.status()).isEqualTo(200);
            assertThat(bad.code()).isEqualTo(40101);
        }
    }

    @Test
    void tokensExpireAfterExpiresIn() {
        AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-28T02:00:00Z"));
        try (NationalPlatformMock other = NationalPlatformMock.start(MockOptions.builder()
                .size(10)
                .tokenTtl(Duration.ofSeconds(60))
                .clock(clock)
                .build())) {
            PlatformClient c = new PlatformClient(other);
            assertThat(c.tokenRequest("grant_type=client_credentials&client_id=" + other.clientId() + "&client_secret="
                                    + other.clientSecret())
                            .json())
                    .containsEntry("expires_in", 60);
            String token = c.login();
            assertThat(c.getWithToken("/api/v1/permits?provinceCode=14", token).status())
                    .isEqualTo(200);
            clock.advance(Duration.ofSeconds(59));
            assertThat(c.getWithToken("/api/v1/permits?provinceCode=14", token).status())
                    .isEqualTo(200);
            clock.advance(Duration.ofSeconds(1));
            Reply expired = c.getWithToken("/api/v1/permits?provinceCode=14", token);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.code()).isEqualTo(40101);
            assertThat(c.getWithToken("/api/v1/permits?provinceCode=14", c.login())
                            .status())
                    .isEqualTo(200);
        }
    }
}
