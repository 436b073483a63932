package org.permitwatch.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.common.Json;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.mock.PlatformClient.Reply;
import org.permitwatch.mock.dataset.PermitSummary;
import org.permitwatch.mock.fault.Endpoint;
import org.permitwatch.mock.fault.FaultSpec;
import org.permitwatch.mock.fault.FaultType;

class FaultSwitchIT {

    private static final String PAGE = "/api/v1/permits?provinceCode=14&pageSize=100&pageNo=";

    private static NationalPlatformMock mock;
    private PlatformClient client;

    @BeforeAll
    static void start() {
        mock = NationalPlatformMock.start(
                MockOptions.builder().size(2_000).seed(7L).build());
    }

    @AfterAll
    static void stop() {
        mock.stop();
    }

    @BeforeEach
    void fresh() {
        mock.reset();
        client = new PlatformClient(mock);
        client.login();
    }

    @Test
    void serverErrorOnPageThreeTwiceThenSuccess() {
        mock.faults()
                .enable(FaultSpec.of(FaultType.SERVER_ERROR)
                        .on(Endpoint.LIST)
                        .onPage(3)
                        .times(2)
                        .status(502));
        assertThat(client.get(PAGE + 1).status()).isEqualTo(200);
        assertThat(client.get(PAGE + 2).status()).isEqualTo(200);
        assertThat(client.get(PAGE + 3).status()).isEqualTo(502);
        assertThat(client.get(PAGE + 3).status()).isEqualTo(502);
        Reply third = client.get(PAGE + 3);
        assertThat(third.status()).isEqualTo(200);
        assertThat(third.records()).hasSize(100);
        assertThat(mock.faults().active().get(0).fired()).isEqualTo(2);
        assertThat(mock.stats().faultsFired()).containsEntry(FaultType.SERVER_ERROR, 2L);
    }

    @Test
    void connectionReset() {
        mock.faults().enable(FaultSpec.of(FaultType.CONNECTION_RESET).on(Endpoint.DETAIL));
        String no = mock.dataset().summaries().get(0).permitNo();
        assertThatThrownBy(() -> client.get("/api/v1/permits/" + no)).isInstanceOf(UncheckedIOException.class);
        assertThat(client.get("/api/v1/permits/" + no).status()).isEqualTo(200);
    }

    @Test
    void slowResponseOutlastsTheClientTimeout() {
        mock.faults()
                .enable(FaultSpec.of(FaultType.SLOW_RESPONSE).on(Endpoint.LIST).delayMs(3_000));
        HttpRequest request = HttpRequest.newBuilder(URI.create(mock.baseUrl() + PAGE + 1))
                .header("Authorization", "Bearer " + client.login())
                .timeout(Duration.ofMillis(300))
                .GET()
                .build();
        assertThatThrownBy(() -> client.send(request)).hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(client.get(PAGE + 1).status()).isEqualTo(200);
    }

    @Test
    void rateLimitedWithRetryAfter() {
        mock.faults().enable(FaultSpec.of(FaultType.HTTP_429).retryAfterSeconds(7));
        Reply r = client.get(PAGE + 1);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.raw().headers().firstValue("Retry-After")).hasValue("7");
        assertThat(client.get(PAGE + 1).status()).isEqualTo(200);
    }

    @Test
    void codes42901And50001And40001ComeWithHttp200() {
        mock.faults()
                .enable(
                        FaultSpec.of(FaultType.CODE_42901),
                        FaultSpec.of(FaultType.CODE_50001),
                        FaultSpec.of(FaultType.BAD_PARAMETER));
        // all three match the first request; the first enabled wins, the others wait for their turn
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Reply r = client.get(PAGE + 1);
            assertThat(r.status()).isEqualTo(200);
            codes.add(r.code());
        }
        assertThat(codes).containsExactly(42901, 50001, 40001, 0);
    }

    @Test
    void tokenExpiresMidSyncAs401() {
        String token = client.login();
        mock.faults()
                .enable(FaultSpec.of(FaultType.TOKEN_EXPIRED).on(Endpoint.LIST).onPage(2));
        assertThat(client.getWithToken(PAGE + 1, token).status()).isEqualTo(200);
        Reply expired = client.getWithToken(PAGE + 2, token);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.code()).isEqualTo(40101);
        assertThat(client.getWithToken(PAGE + 1, token).status())
                .as("old token stays dead")
                .isEqualTo(401);
        assertThat(client.getWithToken(PAGE + 2, client.login()).status()).isEqualTo(200);
    }

    @Test
    void tokenExpiresMidSyncAsCode40101() {
        String token = client.login();
        mock.faults()
                .enable(FaultSpec.of(FaultType.TOKEN_EXPIRED)
                        .on(Endpoint.DETAIL)
                        .after(1)
                        .tokenStyle(TokenErrorStyle.CODE_40101));
        String no = mock.dataset().summaries().get(3).permitNo();
        assertThat(client.getWithToken("/api/v1/permits/" + no, token).code()).isZero();
        Reply expired = client.getWithToken("/api/v1/permits/" + no, token);
        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.code()).isEqualTo(40101);
        assertThat(client.getWithToken(PAGE + 1, token).code()).isEqualTo(40101);
    }

    @Test
    void malformedBodyOnOnePage() {
        mock.faults().enable(FaultSpec.of(FaultType.MALFORMED_BODY).onPage(2));
        assertThat(client.get(PAGE + 1).code()).isZero();
        Reply broken = client.get(PAGE + 2);
        assertThat(broken.status()).isEqualTo(200);
        assertThat(broken.body()).startsWith("{\"code\":0");
        assertThatThrownBy(broken::json).isInstanceOf(RuntimeException.class);
        assertThat(client.get(PAGE + 2).records()).hasSize(100);
    }

    @Test
    void shortPageBeforeTheEnd() {
        mock.faults().enable(FaultSpec.of(FaultType.SHORT_PAGE).onPage(1).records(3));
        Reply r = client.get(PAGE + 1);
        assertThat(r.records()).hasSize(97);
        assertThat(r.data()).containsEntry("total", 2000);
        assertThat(r.records().get(0).get("permitNo"))
                .isEqualTo(mock.dataset().summaries().get(0).permitNo());
    }

    @Test
    void duplicatesAcrossPagesLoseNothing() {
        mock.faults().enable(FaultSpec.of(FaultType.DUPLICATES).onPage(2).records(4));
        List<String> all = new ArrayList<>();
        List<List<String>> pages = new ArrayList<>();
        for (int page = 1; page <= 21; page++) {
            List<String> nos = client.get(PAGE + page).records().stream()
                    .map(m -> (String) m.get("permitNo"))
                    .toList();
            pages.add(nos);
            all.addAll(nos);
        }
        assertThat(pages.get(1).subList(0, 4))
                .containsExactlyElementsOf(pages.get(0).subList(96, 100));
        assertThat(all).hasSize(2004);
        assertThat(new HashSet<>(all)).hasSize(2000);
        assertThat(client.get(PAGE + 5).data()).containsEntry("total", 2004);
        mock.faults().clear();
        assertThat(client.get(PAGE + 5).data()).containsEntry("total", 2000);
    }

    @Test
    void recordsUpdatedDuringTheSyncMoveToTheEnd() {
        List<PermitSummary> before = mock.dataset().summaries();
        mock.faults().enable(FaultSpec.of(FaultType.MOVING_DATASET).onPage(2).records(5));
        client.get(PAGE + 1);
        Reply second = client.get(PAGE + 2);
        // the five oldest rows jumped to the end, so page 2 now starts five rows later
        assertThat(second.records().get(0).get("permitNo"))
                .isEqualTo(before.get(105).permitNo());
        List<PermitSummary> after = mock.dataset().summaries();
        for (int i = 0; i < 5; i++) {
            PermitSummary moved =
                    mock.dataset().summary(before.get(i).permitNo()).orElseThrow();
            assertThat(moved.version()).isEqualTo(before.get(i).version() + 1);
            assertThat(after.subList(1995, 2000)).contains(moved);
        }
        assertThat(after).hasSize(2000);
    }

    @Test
    void permitDeletedBetweenListAndDetail() {
        String no = client.get(PAGE + 1).records().get(10).get("permitNo").toString();
        mock.faults().enable(FaultSpec.of(FaultType.DELETED_BEFORE_DETAIL).forPermit(no));
        Reply gone = client.get("/api/v1/permits/" + no);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo(40401);
        assertThat(mock.dataset().find(no)).isEmpty();
        assertThat(client.get(PAGE + 1).data()).containsEntry("total", 1999);
    }

    @Test
    void afterAndProbability() {
        mock.faults()
                .enable(FaultSpec.of(FaultType.CODE_50001)
                        .on(Endpoint.DETAIL)
                        .after(2)
                        .always()
                        .probability(0.5));
        String no = mock.dataset().summaries().get(0).permitNo();
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            codes.add(client.get("/api/v1/permits/" + no).code());
        }
        assertThat(codes.subList(0, 2)).containsOnly(0);
        long failed = codes.stream().filter(c -> c == 50001).count();
        assertThat(failed).isBetween(10L, 50L);
        assertThat(mock.faults().active().get(0).matched()).isEqualTo(60);
    }

    @Test
    void tokenEndpointCanFailToo() {
        mock.faults().enable(FaultSpec.of(FaultType.SERVER_ERROR).on(Endpoint.TOKEN));
        assertThatThrownBy(client::login).hasMessageContaining("503");
        assertThat(client.login()).isNotBlank();
    }

    @Test
    void faultsAreSwitchedOverHttp() {
        Reply enabled = client.admin(
                "POST",
                "/__mock/faults",
                "[{\"type\":\"SERVER_ERROR\",\"endpoints\":[\"LIST\"],\"pageNo\":3,\"times\":2,\"status\":500},"
                        + "{\"type\":\"HTTP_429\",\"endpoints\":[\"DETAIL\"],\"retryAfterSeconds\":3}]");
        assertThat(enabled.status()).isEqualTo(200);
        assertThat((List<?>) enabled.json().get("ids")).hasSize(2);
        assertThat(client.get(PAGE + 3).status()).isEqualTo(500);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> active = (List<Map<String, Object>>)
                client.admin("GET", "/__mock/faults", null).json().get("faults");
        assertThat(active).hasSize(2);
        assertThat(active.get(0))
                .containsEntry("type", "SERVER_ERROR")
                .containsEntry("fired", 1)
                .containsEntry("pageNo", 3);
        assertThat(client.admin("DELETE", "/__mock/faults", null).status()).isEqualTo(200);
        assertThat(client.get(PAGE + 3).status()).isEqualTo(200);
        Reply bad = client.admin("POST", "/__mock/faults", "{\"type\":\"SHORT_PAGE\",\"endpoints\":[\"DETAIL\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(client.admin("POST", "/__mock/faults", "{\"type\":\"NOPE\"}").status())
                .isEqualTo(400);
    }

    @Test
    void statsCountEveryCall() {
        mock.resetStats();
        client.login();
        client.get(PAGE + 1);
        client.get("/api/v1/permits/" + mock.dataset().summaries().get(0).permitNo());
        client.getWithToken(PAGE + 1, "bad");
        Map<String, Object> stats =
                Json.read(client.admin("GET", "/__mock/stats", null).body(), Map.class);
        assertThat(stats)
                .containsEntry("tokenRequests", 1)
                .containsEntry("listRequests", 2)
                .containsEntry("detailRequests", 1)
                .containsEntry("unauthorizedRequests", 1);
        assertThat(mock.stats().dataRequests()).isEqualTo(3);
        Set<String> keys = stats.keySet();
        assertThat(keys).contains("faultsFired");
    }
}
