package org.permitwatch.permitsync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.mock.NationalPlatformMock;
import org.permitwatch.mock.dataset.PermitSummary;
import org.permitwatch.permitsync.NationalPlatformMocks;
import org.permitwatch.permitsync.PermitSyncTestSupport;
import org.permitwatch.support.security.Masking;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The directory and sync REST API over a directory synced from the mock: paging, filters, scope, masking, errors. */
class DirectoryApiIT extends PermitSyncTestSupport {

    private static final int SIZE = 400;

    @Override
    protected NationalPlatformMock platform() {
        return NationalPlatformMocks.of(SIZE);
    }

    @BeforeEach
    void syncOnce() {
        Long units = db.sql("SELECT count(*) FROM directory_unit")
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
        if (units == null || units == 0) {
            syncToSuccess("FULL", 3);
        }
    }

    private List<PermitSummary> platformPermits() {
        return platform().dataset().summaries();
    }

    private WebTestClient.ResponseSpec get(String token, String uri) {
        return web.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> page(String token, String uri) {
        return get(token, uri)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static long total(Map<String, Object> page) {
        return ((Number) page.get("total")).longValue();
    }

    /** Walks the change feed from {@code after} until it is caught up; returns the permit numbers in feed order. */
    private List<String> walkChanges(String token, String after, int size, List<String> cursorOut) {
        List<String> seen = new java.util.ArrayList<>();
        String cursor = after;
        while (true) {
            Map<String, Object> page =
                    page(token, "/api/v1/directory/changes?size=" + size + (cursor == null ? "" : "&after=" + cursor));
            for (Map<String, Object> change : items(page)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> unit = (Map<String, Object>) change.get("unit");
                seen.add((String) unit.get("permitNo"));
                assertThat(change.get("changedAt")).isNotNull();
            }
            cursor = (String) page.get("next");
            if (!(Boolean) page.get("hasMore")) {
                cursorOut.add(cursor);
                return seen;
            }
        }
    }

    private void changedAt(String permitNo, String ago) {
        db.sql("UPDATE directory_unit SET changed_at = now() - CAST(:ago AS interval) WHERE permit_no = :no")
                .bind("ago", ago)
                .bind("no", permitNo)
                .then()
                .block();
    }

    @Test
    void theChangeFeedServesEveryUnitInChangeOrderAndThenOnlyWhatChanged() {
        // Everything as synced an hour ago: one timestamp, so the permit number orders the ties.
        db.sql("UPDATE directory_unit SET changed_at = now() - interval '1 hour'")
                .then()
                .block();
        List<String> all =
                platformPermits().stream().map(PermitSummary::permitNo).sorted().toList();
        List<String> cursor = new java.util.ArrayList<>();
        // 400 units in pages of 150: 150 + 150 + 100, each exactly once.
        assertThat(walkChanges(provinceToken(), null, 150, cursor)).containsExactlyElementsOf(all);
        String caughtUp = cursor.get(0);
        Map<String, Object> nothing = page(provinceToken(), "/api/v1/directory/changes?after=" + caughtUp);
        assertThat(items(nothing)).isEmpty();
        assertThat(nothing).containsEntry("next", caughtUp).containsEntry("hasMore", false);

        // One unit changed 10 minutes ago is all a caught-up reader gets; one changed just now is held back until
        // the settle time (2 min) has passed.
        changedAt(all.get(7), "10 minutes");
        changedAt(all.get(8), "0 seconds");
        assertThat(walkChanges(provinceToken(), caughtUp, 50, new java.util.ArrayList<>()))
                .containsExactly(all.get(7));
    }

    @Test
    void aUnitThatChangesDuringAWalkMovesToTheEndAndNothingIsSkipped() {
        db.sql("UPDATE directory_unit SET changed_at = now() - interval '1 hour'")
                .then()
                .block();
        List<String> all =
                platformPermits().stream().map(PermitSummary::permitNo).sorted().toList();
        Map<String, Object> first = page(provinceToken(), "/api/v1/directory/changes?size=100");
        // Changes while the reader is between pages: one unit it has read, one it has not read yet.
        changedAt(all.get(3), "5 minutes");
        changedAt(all.get(250), "5 minutes");
        List<String> seen = new java.util.ArrayList<>();
        items(first).forEach(c -> seen.add((String) ((Map<?, ?>) c.get("unit")).get("permitNo")));
        seen.addAll(walkChanges(provinceToken(), (String) first.get("next"), 100, new java.util.ArrayList<>()));
        assertThat(seen).containsAll(all);
        // 400 + the read one served again; the unread one only once, at its new place.
        assertThat(seen).hasSize(401);
        assertThat(seen.subList(seen.size() - 2, seen.size())).containsExactly(all.get(3), all.get(250));
    }

    @Test
    void theChangeFeedKeepsToTheCallersDivisionAndRefusesBadInput() {
        db.sql("UPDATE directory_unit SET changed_at = now() - interval '1 hour'")
                .then()
                .block();
        List<String> taiyuan = platformPermits().stream()
                .filter(p -> p.countyCode().startsWith("1401"))
                .map(PermitSummary::permitNo)
                .sorted()
                .toList();
        assertThat(taiyuan).isNotEmpty();
        assertThat(walkChanges(TestJwts.token("CITY", "140100"), null, 200, new java.util.ArrayList<>()))
                .containsExactlyElementsOf(taiyuan);
        get(provinceToken(), "/api/v1/directory/changes?after=not-a-cursor")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("after");
        get(provinceToken(), "/api/v1/directory/changes?size=501")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("size");
    }

    @Test
    void listsArePagedWithTheTotalCount() {
        Map<String, Object> first = page(provinceToken(), "/api/v1/directory/units?size=50");
        assertThat(total(first)).isEqualTo(SIZE);
        assertThat(items(first)).hasSize(50);
        assertThat(first).containsEntry("page", 0).containsEntry("size", 50);

        Map<String, Object> last = page(provinceToken(), "/api/v1/directory/units?size=50&page=7");
        assertThat(items(last)).hasSize(50);
        assertThat(items(last).get(0).get("permitNo"))
                .isNotEqualTo(items(first).get(0).get("permitNo"));
        Map<String, Object> beyond = page(provinceToken(), "/api/v1/directory/units?size=50&page=8");
        assertThat(items(beyond)).isEmpty();
        assertThat(total(beyond)).isEqualTo(SIZE);

        Map<String, Object> defaults = page(provinceToken(), "/api/v1/directory/units");
        assertThat(items(defaults)).hasSize(20);
    }

    @Test
    void keysetPagesWalkTheSameUnitsAsNumberedPages() {
        List<String> numbered = new java.util.ArrayList<>();
        for (int page = 0; page < SIZE / 50; page++) {
            items(page(provinceToken(), "/api/v1/directory/units?size=50&page=" + page))
                    .forEach(u -> numbered.add((String) u.get("permitNo")));
        }
        List<String> keyset = new java.util.ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> page =
                    page(provinceToken(), "/api/v1/directory/units?size=50" + (after == null ? "" : "&after=" + after));
            assertThat(total(page)).isEqualTo(SIZE);
            assertThat(page).containsEntry("page", 0);
            if (items(page).isEmpty()) {
                break;
            }
            items(page).forEach(u -> keyset.add((String) u.get("permitNo")));
            assertThat(keyset)
                    .as("a position that is not honoured repeats units")
                    .hasSizeLessThanOrEqualTo(SIZE);
            after = (String) items(page).get(items(page).size() - 1).get("permitNo");
        }
        assertThat(numbered).hasSize(SIZE).doesNotHaveDuplicates();
        assertThat(keyset).isEqualTo(numbered);

        // Mid-list in a city's division: the units after the position, the division's total.
        String city = TestJwts.token("CITY", "140100");
        Map<String, Object> cityFirst = page(city, "/api/v1/directory/units?size=5");
        String fifth = (String) items(cityFirst).get(4).get("permitNo");
        Map<String, Object> cityNext = page(city, "/api/v1/directory/units?size=5&after=" + fifth);
        Map<String, Object> cityPage1 = page(city, "/api/v1/directory/units?size=5&page=1");
        assertThat(items(cityNext)).isEqualTo(items(cityPage1));
        assertThat(total(cityNext)).isEqualTo(total(cityFirst));
    }

    @Test
    void aKeysetPositionWithASortOrAPageIsA400NamingTheField() {
        get(provinceToken(), "/api/v1/directory/units?after=X&sort=unitName")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("after");
        get(provinceToken(), "/api/v1/directory/units?after=X&page=2")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("page");
        get(provinceToken(), "/api/v1/directory/units?after=" + "X".repeat(101))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("after");
    }

    @Test
    void filtersByIndustryCategoryStatusSourceTypeAndText() {
        long coking = platformPermits().stream()
                .filter(p -> p.industryCode().equals("2521"))
                .count();
        assertThat(total(page(provinceToken(), "/api/v1/directory/units?industry=2521")))
                .isEqualTo(coking)
                .isPositive();

        long key = platformPermits().stream()
                .filter(p -> p.managementCategory().equals("重点管理"))
                .count();
        assertThat(total(page(provinceToken(), "/api/v1/directory/units?category=KEY")))
                .isEqualTo(key);
        // Default rules: no violations fed back yet, so key sources are exactly the 重点管理 units.
        assertThat(total(page(provinceToken(), "/api/v1/directory/units?sourceType=KEY")))
                .isEqualTo(key);

        long expired =
                platformPermits().stream().filter(p -> p.status().equals("过期")).count();
        Map<String, Object> expiredPage = page(provinceToken(), "/api/v1/directory/units?status=EXPIRED&size=200");
        assertThat(total(expiredPage)).isEqualTo(expired);
        assertThat(items(expiredPage))
                .allSatisfy(u -> assertThat(u.get("withoutPermit")).isEqualTo(true));

        PermitSummary sample = platformPermits().get(17);
        String namePart = sample.unitName().substring(2, 6);
        long byName = platformPermits().stream()
                .filter(p -> p.unitName().contains(namePart) || p.permitNo().contains(namePart))
                .count();
        Map<String, Object> named = page(provinceToken(), "/api/v1/directory/units?size=200&q=" + namePart);
        assertThat(total(named)).isEqualTo(byName);
        assertThat(items(named)).extracting(u -> u.get("permitNo")).contains(sample.permitNo());

        Map<String, Object> byNo = page(
                provinceToken(),
                "/api/v1/directory/units?q=" + sample.permitNo().substring(4, 16));
        assertThat(items(byNo)).extracting(u -> u.get("permitNo")).contains(sample.permitNo());
    }

    @Test
    void aCitySeesOnlyItsCityAndACountyOnlyItsCounty() {
        String city = "140100";
        long inCity = platformPermits().stream()
                .filter(p -> p.cityCode().equals(city))
                .count();
        Map<String, Object> cityPage = page(TestJwts.token("CITY", city), "/api/v1/directory/units?size=200");
        assertThat(total(cityPage)).isEqualTo(inCity).isPositive().isLessThan(SIZE);
        assertThat(items(cityPage))
                .allSatisfy(u -> assertThat(u.get("cityCode")).isEqualTo(city));

        String county = platformPermits().stream()
                .filter(p -> p.cityCode().equals(city))
                .findFirst()
                .orElseThrow()
                .countyCode();
        long inCounty = platformPermits().stream()
                .filter(p -> p.countyCode().equals(county))
                .count();
        Map<String, Object> countyPage = page(TestJwts.token("COUNTY", county), "/api/v1/directory/units?size=200");
        assertThat(total(countyPage)).isEqualTo(inCounty);
        assertThat(items(countyPage))
                .allSatisfy(u -> assertThat(u.get("countyCode")).isEqualTo(county));

        // The province may narrow to a city; a city may not widen to another one.
        assertThat(total(page(provinceToken(), "/api/v1/directory/units?division=" + city)))
                .isEqualTo(inCity);
        get(TestJwts.token("CITY", city), "/api/v1/directory/units?division=140200")
                .expectStatus()
                .isForbidden();

        Map<String, Object> stats = page(TestJwts.token("CITY", city), "/api/v1/directory/stats");
        assertThat(((Number) stats.get("totalUnits")).longValue()).isEqualTo(inCity);
    }

    @Test
    void aPermitOutsideTheCallersDivisionIsNotFoundLikeAnUnknownOne() {
        PermitSummary foreign = platformPermits().stream()
                .filter(p -> !p.cityCode().equals("140100"))
                .findFirst()
                .orElseThrow();
        String cityToken = TestJwts.token("CITY", "140100");

        get(cityToken, "/api/v1/directory/units/" + foreign.permitNo())
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not-found");
        get(cityToken, "/api/v1/directory/units/NO-SUCH-PERMIT").expectStatus().isNotFound();
        get(provinceToken(), "/api/v1/directory/units/" + foreign.permitNo())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.permitNo")
                .isEqualTo(foreign.permitNo());
    }

    @Test
    void anInspectorReadsThePermitsOfItsWholeCityAndNoOther() {
        // A city's draw sends a county bureau's inspector to any unit of the city (Caller.reach()): the field app
        // shows it the permit facts of a unit in a sibling county, and nothing outside the city.
        PermitSummary inCity = platformPermits().stream()
                .filter(p -> p.cityCode().equals("140100") && !p.countyCode().equals("140105"))
                .findFirst()
                .orElseThrow();
        PermitSummary foreign = platformPermits().stream()
                .filter(p -> !p.cityCode().equals("140100"))
                .findFirst()
                .orElseThrow();
        String inspector = TestJwts.token("INSPECTOR", "140105");
        get(inspector, "/api/v1/directory/units/" + inCity.permitNo())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.permitNo")
                .isEqualTo(inCity.permitNo());
        get(inspector, "/api/v1/directory/units/" + foreign.permitNo())
                .expectStatus()
                .isNotFound();
        // a county user's reach stays its county
        get(TestJwts.token("COUNTY", "140105"), "/api/v1/directory/units/" + inCity.permitNo())
                .expectStatus()
                .isNotFound();
    }

    @Test
    void theLegalRepresentativeIsMaskedWithoutPiiRead() {
        var permit = platform().dataset().stream()
                .filter(p -> !p.summary().managementCategory().equals("登记管理"))
                .findFirst()
                .orElseThrow();
        String real = permit.detail().legalRepresentative();

        get(provinceToken(), "/api/v1/directory/units/" + permit.permitNo())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.legalRepresentative")
                .isEqualTo(Masking.name(real))
                .jsonPath("$.outlets[0].outletCode")
                .isEqualTo(permit.detail().outlets().get(0).outletCode())
                .jsonPath("$.version")
                .isEqualTo(permit.summary().version());
        String piiToken = TestJwts.builder()
                .roles("PROVINCE")
                .division(PROVINCE)
                .scopes("pii:read")
                .build();
        get(piiToken, "/api/v1/directory/units/" + permit.permitNo())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.legalRepresentative")
                .isEqualTo(real);
    }

    @Test
    void statsCountUnitsPerCityIndustryAndCategory() {
        Map<String, Object> stats = page(provinceToken(), "/api/v1/directory/stats");
        assertThat(((Number) stats.get("totalUnits")).longValue()).isEqualTo(SIZE);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) stats.get("rows");
        long cokingKeyTaiyuan = platformPermits().stream()
                .filter(p -> p.cityCode().equals("140100")
                        && p.industryCode().equals("2521")
                        && p.managementCategory().equals("重点管理"))
                .count();
        long reported = rows.stream()
                .filter(r -> "140100".equals(r.get("cityCode"))
                        && "COKING".equals(r.get("keyIndustry"))
                        && "KEY".equals(r.get("managementCategory")))
                .mapToLong(r -> ((Number) r.get("units")).longValue())
                .sum();
        assertThat(reported).isEqualTo(cokingKeyTaiyuan);
    }

    @Test
    void withoutATokenEveryEndpointAnswers401() {
        web.get().uri("/api/v1/directory/units").exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/v1/directory/stats").exchange().expectStatus().isUnauthorized();
        web.post()
                .uri("/api/v1/sync/runs")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", "FULL"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aCityUserCannotStartOrReadASync() {
        String cityToken = TestJwts.token("CITY", "140100");
        web.post()
                .uri("/api/v1/sync/runs")
                .header(HttpHeaders.AUTHORIZATION, bearer(cityToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", "FULL"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        get(cityToken, "/api/v1/sync/runs").expectStatus().isForbidden();
        assertThat(db.sql("SELECT count(*) FROM sync_run WHERE status = 'RUNNING'")
                        .map(r -> r.get(0, Long.class))
                        .one()
                        .block())
                .isZero();
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        get(provinceToken(), "/api/v1/directory/units?size=500")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("size")
                .jsonPath("$.code")
                .isEqualTo("validation-failed");
        get(provinceToken(), "/api/v1/directory/units?industry=abc")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("industry");
        get(provinceToken(), "/api/v1/directory/units?division=14")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("division");
        get(provinceToken(), "/api/v1/directory/units?status=SOMETIMES")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        web.post()
                .uri("/api/v1/sync/runs")
                .header(HttpHeaders.AUTHORIZATION, bearer(provinceToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("mode");
    }

    @Test
    void aSecondRunWhileOneIsRunningIsAConflict() {
        UUID running = UUID.randomUUID();
        db.sql(
                        "INSERT INTO sync_run (id, mode, status, trigger, started_at) VALUES (:id, 'FULL', 'RUNNING', 'API', now())")
                .bind("id", running)
                .then()
                .block();
        try {
            web.post()
                    .uri("/api/v1/sync/runs")
                    .header(HttpHeaders.AUTHORIZATION, bearer(provinceToken()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("mode", "INCREMENTAL"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("sync-run-in-progress");
        } finally {
            db.sql("DELETE FROM sync_run WHERE id = :id")
                    .bind("id", running)
                    .then()
                    .block();
        }
    }

    @Test
    void runsCanBeListedAndRead() {
        Map<String, Object> runs = page(provinceToken(), "/api/v1/sync/runs?size=5");
        assertThat(total(runs)).isPositive();
        String id = (String) items(runs).get(0).get("id");
        get(provinceToken(), "/api/v1/sync/runs/" + id)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("SUCCEEDED")
                .jsonPath("$.created")
                .isNumber();
        get(provinceToken(), "/api/v1/sync/runs/" + UUID.randomUUID())
                .expectStatus()
                .isNotFound();
        get(provinceToken(), "/api/v1/sync/runs/not-a-uuid").expectStatus().isBadRequest();
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/directory/units'].get.summary")
                .isEqualTo("List directory units")
                .jsonPath("$.paths['/api/v1/sync/runs'].post")
                .exists()
                .jsonPath("$.paths['/api/v1/directory/stats'].get")
                .exists();
    }

    /** Every unit of the directory in the answer's order, walking {@code sort} page by page (200 a page). */
    private List<Map<String, Object>> walkSorted(String sort) {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        for (int p = 0; p * 200 < SIZE; p++) {
            all.addAll(items(page(provinceToken(), "/api/v1/directory/units?size=200&page=" + p + "&sort=" + sort)));
        }
        return all;
    }

    @Test
    void sortsOnTheServerBothWaysWithThePermitNumberBreakingTies() {
        // Expected orders computed here from the stored rows, not by the database: PostgreSQL puts NULLs last when
        // ascending and first when descending; equal values fall back to the permit number in the same direction.
        Comparator<Map.Entry<String, PermitSyncTestSupport.KeyFields>> byValidTo = Comparator.comparing(
                        (Map.Entry<String, PermitSyncTestSupport.KeyFields> e) ->
                                e.getValue().validTo(),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Map.Entry::getKey);
        List<String> ascending = directoryContents().entrySet().stream()
                .sorted(byValidTo)
                .map(Map.Entry::getKey)
                .toList();
        List<String> descending = new java.util.ArrayList<>(ascending);
        java.util.Collections.reverse(descending);
        assertThat(ascending).hasSize(SIZE);
        assertThat(walkSorted("validTo,asc")).extracting(u -> u.get("permitNo")).containsExactlyElementsOf(ascending);
        assertThat(walkSorted("validTo,desc"))
                .extracting(u -> u.get("permitNo"))
                .containsExactlyElementsOf(descending);

        Comparator<Map.Entry<String, PermitSyncTestSupport.KeyFields>> byCounty = Comparator.comparing(
                        (Map.Entry<String, PermitSyncTestSupport.KeyFields> e) ->
                                e.getValue().countyCode())
                .thenComparing(Map.Entry::getKey);
        List<String> countyDesc = directoryContents().entrySet().stream()
                .sorted(byCounty.reversed())
                .map(Map.Entry::getKey)
                .toList();
        assertThat(walkSorted("countyCode,desc"))
                .extracting(u -> u.get("permitNo"))
                .containsExactlyElementsOf(countyDesc);
        // the mock spreads 400 units over more than one county, or this would prove nothing beyond the tie-breaker
        assertThat(directoryContents().values().stream()
                        .map(PermitSyncTestSupport.KeyFields::countyCode)
                        .distinct()
                        .count())
                .isGreaterThan(1);

        // absent sort: the default order, unchanged (permit number)
        assertThat(items(page(provinceToken(), "/api/v1/directory/units?size=5")))
                .extracting(u -> u.get("permitNo"))
                .containsExactlyElementsOf(
                        directoryContents().keySet().stream().sorted().limit(5).toList());
    }

    @Test
    void anUnknownSortFieldOrDirectionIsA400NamingSort() {
        for (String bad : List.of("unit_name,asc", "validTo,sideways", "validTo", "permitNo;select 1,asc")) {
            get(provinceToken(), "/api/v1/directory/units?sort=" + bad)
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("sort");
        }
    }

    /** Groups whose maintained count (V7) differs from a count of the units themselves; empty when they agree. */
    private List<String> countMismatches() {
        return db.sql("""
                        SELECT coalesce(u.county_code, c.county_code) || '/' || coalesce(u.key_industry, c.key_industry)
                               || '/' || coalesce(u.management_category, c.management_category) || '/'
                               || coalesce(u.status, c.status) || ': ' || coalesce(u.n, 0) || ' vs '
                               || coalesce(c.units, 0) AS mismatch
                        FROM (SELECT county_code, key_industry, management_category, status, count(*) AS n
                              FROM directory_unit GROUP BY 1, 2, 3, 4) u
                        FULL JOIN (SELECT * FROM directory_unit_count WHERE units <> 0) c
                          USING (county_code, key_industry, management_category, status)
                        WHERE coalesce(u.n, 0) <> coalesce(c.units, 0)""")
                .map(r -> r.get("mismatch", String.class))
                .all()
                .collectList()
                .block();
    }

    private long countInCity(String city, String andWhere) {
        return db.sql("SELECT count(*) FROM directory_unit WHERE city_code = :city" + andWhere)
                .bind("city", city)
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
    }

    /**
     * The page's total comes from counts maintained by triggers (V7, ADR 0053): they must follow every way the
     * directory changes — inserts, a sync's upsert that moves a unit to another status, an update moving units to
     * another county or category, an update of uncounted columns (feedback), deletes and a truncate — and the API's
     * total must equal a count of the units, filtered or not.
     */
    @Test
    void theTotalFollowsEveryChangeOfTheDirectory() {
        String city = "140100";
        String cityToken = TestJwts.token("CITY", city);
        assertThat(countMismatches()).isEmpty();
        db.sql("CREATE TABLE directory_unit_before AS SELECT * FROM directory_unit")
                .then()
                .block();
        try {
            // Four copies of city units under new permit numbers (one INSERT ... SELECT).
            db.sql("""
                            INSERT INTO directory_unit
                            SELECT (jsonb_populate_record(u0, jsonb_build_object(
                                        'permit_no', 'COPY' || u0.permit_no))).*
                            FROM directory_unit u0
                            WHERE u0.permit_no IN (SELECT permit_no FROM directory_unit WHERE city_code = '140100'
                                                   ORDER BY permit_no LIMIT 4)""").then().block();
            assertThat(countMismatches()).isEmpty();
            // A sync's upsert: the same four again, now revoked (ON CONFLICT DO UPDATE fires the update trigger).
            db.sql("""
                            INSERT INTO directory_unit
                            SELECT (jsonb_populate_record(u0, jsonb_build_object('status', 'REVOKED'))).*
                            FROM directory_unit u0 WHERE u0.permit_no LIKE 'COPY%'
                            ON CONFLICT (permit_no) DO UPDATE SET status = EXCLUDED.status""").then().block();
            assertThat(countMismatches()).isEmpty();
            assertThat(total(page(cityToken, "/api/v1/directory/units?status=REVOKED")))
                    .isEqualTo(countInCity(city, " AND status = 'REVOKED'"))
                    .isGreaterThanOrEqualTo(4);
            // Three units move from another city into 140101 and become simplified; five change source type only.
            db.sql("""
                            UPDATE directory_unit SET city_code = '140100', county_code = '140101',
                                   management_category = 'SIMPLIFIED'
                            WHERE permit_no IN (SELECT permit_no FROM directory_unit WHERE city_code <> '140100'
                                                ORDER BY permit_no LIMIT 3)""").then().block();
            db.sql("""
                            UPDATE directory_unit SET source_type = 'KEY', violation_count = violation_count + 1
                            WHERE permit_no IN (SELECT permit_no FROM directory_unit ORDER BY permit_no DESC LIMIT 5)""").then().block();
            assertThat(countMismatches()).isEmpty();
            assertThat(total(page(cityToken, "/api/v1/directory/units")))
                    .isEqualTo(countInCity(city, ""))
                    .isEqualTo(platformPermits().stream()
                                    .filter(p -> p.cityCode().equals(city))
                                    .count()
                            + 4
                            + 3);
            assertThat(total(page(cityToken, "/api/v1/directory/units?division=140101&category=SIMPLIFIED")))
                    .isEqualTo(countInCity(city, " AND county_code = '140101' AND management_category = 'SIMPLIFIED'"))
                    .isGreaterThanOrEqualTo(3);
            // Deletes.
            db.sql("DELETE FROM directory_unit WHERE permit_no LIKE 'COPY%' OR permit_no IN"
                            + " (SELECT permit_no FROM directory_unit ORDER BY permit_no LIMIT 2)")
                    .then()
                    .block();
            assertThat(countMismatches()).isEmpty();
            assertThat(total(page(provinceToken(), "/api/v1/directory/units"))).isEqualTo(SIZE - 2);
            // A truncate clears the counts; the units as synced are put back (the other tests compare with the mock).
            db.sql("TRUNCATE directory_unit").then().block();
            assertThat(db.sql("SELECT count(*) FROM directory_unit_count")
                            .map(r -> r.get(0, Long.class))
                            .one()
                            .block())
                    .isZero();
            assertThat(total(page(provinceToken(), "/api/v1/directory/units"))).isZero();
        } finally {
            db.sql("DELETE FROM directory_unit").then().block();
            db.sql("INSERT INTO directory_unit SELECT * FROM directory_unit_before")
                    .then()
                    .block();
            db.sql("DROP TABLE directory_unit_before").then().block();
        }
        assertThat(countMismatches()).isEmpty();
        assertThat(total(page(provinceToken(), "/api/v1/directory/units"))).isEqualTo(SIZE);
    }

    /**
     * ~100,000 units (the province's size): every allowed sort, both ways, is served by an index walk that stops after
     * the page — the plan has no Sort node that would order the whole division.
     */
    @Test
    void everySortOfALargeDirectoryIsAnIndexWalk() {
        db.sql("""
                        INSERT INTO directory_unit
                        SELECT (jsonb_populate_record(u0, jsonb_build_object(
                                    'permit_no', 'BULK' || lpad(g::text, 8, '0'),
                                    'unit_name', '单位' || md5(g::text),
                                    'valid_to', DATE '2030-01-01' + (g % 900)))).*
                        FROM directory_unit u0, generate_series(1, 100000) g
                        WHERE u0.permit_no = (SELECT min(permit_no) FROM directory_unit)""").then().block();
        try {
            db.sql("ANALYZE directory_unit").then().block();
            for (UnitSort key : UnitSort.values()) {
                for (String dir : List.of("asc", "desc")) {
                    String orderBy = org.permitwatch.support.web.ListSort.orderBy(
                            key.field() + "," + dir, UnitSort.class, UnitSort.TIE_BREAKER, UnitSort.TIE_BREAKER);
                    String plan = String.join(
                            "\n",
                            // The shape of DirectoryQueries.page: the page joined to its maintained total.
                            db.sql("EXPLAIN SELECT t.total, p.* FROM (SELECT coalesce(sum(units), 0)::bigint AS total"
                                            + " FROM directory_unit_count WHERE county_code LIKE '14%') t"
                                            + " LEFT JOIN LATERAL (SELECT " + UnitRows.SUMMARY_COLUMNS
                                            + " FROM directory_unit WHERE county_code LIKE '14%' ORDER BY " + orderBy
                                            + " LIMIT 20 OFFSET 200) p ON true ORDER BY " + orderBy)
                                    .map(r -> r.get(0, String.class))
                                    .all()
                                    .collectList()
                                    .block());
                    // Only the outer sort of the page's 20 rows; the division is walked in index order.
                    assertThat(plan.split("Sort Key", -1)).as(plan).hasSize(2);
                    assertThat(plan)
                            .as(orderBy)
                            .containsPattern(
                                    "(?<!Bitmap )Index (Only )?Scan( Backward)? using \\S+ on directory_unit ");
                }
            }
        } finally {
            db.sql("DELETE FROM directory_unit WHERE permit_no LIKE 'BULK%'")
                    .then()
                    .block();
        }
    }
}
