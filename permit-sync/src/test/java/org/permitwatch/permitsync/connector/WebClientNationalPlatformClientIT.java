package org.permitwatch.permitsync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.permitwatch.mock.MockOptions;
import org.permitwatch.mock.NationalPlatformMock;
import org.permitwatch.mock.TokenErrorStyle;
import org.permitwatch.mock.dataset.DatasetSnapshot;
import org.permitwatch.mock.fault.Endpoint;
import org.permitwatch.mock.fault.FaultSpec;
import org.permitwatch.mock.fault.FaultType;
import org.permitwatch.mock.server.MockStats;
import org.permitwatch.permitsync.connector.PlatformCallCounter.CallKind;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every fault of the national platform contract, against the real mock over HTTP. Each test checks
 * the data against what the mock holds and counts the requests the mock received.
 */
class WebClientNationalPlatformClientIT {

    private static final Duration BLOCK = Duration.ofSeconds(30);
    private static final int PAGE = 25;

    private static NationalPlatformMock mock;

    private WebClientNationalPlatformClient client;

    @BeforeAll
    static void startMock() {
        mock = NationalPlatformMock.start(MockOptions.builder().size(120).build());
    }

    @AfterAll
    static void stopMock() {
        mock.stop();
    }

    @BeforeEach
    void freshClientAndMock() {
        mock.reset();
        client = WebClientNationalPlatformClient.standalone(ConnectorFixtures.properties(mock), WebClient.builder());
    }

    @Test
    void listsPagesExactlyAsTheMockHoldsThemWithOneTokenCall() {
        PermitPage first = client.listPermits(null, 1, PAGE).block(BLOCK);
        PermitPage second = client.listPermits(null, 2, PAGE).block(BLOCK);

        assertThat(first).isEqualTo(expectedPage(null, 1));
        assertThat(second).isEqualTo(expectedPage(null, 2));
        assertThat(first.records()).hasSize(PAGE);
        assertCalls(mock.stats(), 1, 2, 0);
        assertThat(client.callCounter().snapshot()).isEqualTo(new PlatformCallCounter.Snapshot(1, 2, 0, 0, 0));
    }

    @Test
    void sendsTheWatermarkWithItsOffsetIntact() {
        OffsetDateTime since = mock.dataset().summaries().get(40).updatedAt();

        PermitPage page = client.listPermits(since, 1, PAGE).block(BLOCK);

        // The watermark (with its +08:00 offset, sent percent-encoded) selects exactly the rows from then on.
        assertThat(page).isEqualTo(expectedPage(since, 1));
        assertThat(page.total()).isLessThan(mock.dataset().size());
    }

    @Test
    void detailIsExactlyWhatTheMockHolds() {
        List<String> permitNos = mock.dataset().summaries().stream()
                .limit(5)
                .map(org.permitwatch.mock.dataset.PermitSummary::permitNo)
                .toList();

        for (String permitNo : permitNos) {
            assertThat(client.getPermit(permitNo).block(BLOCK)).isEqualTo(expectedDetail(permitNo));
        }
        assertCalls(mock.stats(), 1, 0, 5);
    }

    @Test
    void serverErrorsAreRetriedUntilTheCallSucceeds() {
        mock.faults()
                .enable(FaultSpec.of(FaultType.SERVER_ERROR)
                        .on(Endpoint.LIST)
                        .status(503)
                        .times(2));

        assertThat(client.listPermits(null, 1, PAGE).block(BLOCK)).isEqualTo(expectedPage(null, 1));

        assertCalls(mock.stats(), 1, 3, 0);
        assertThat(client.callCounter().retries(CallKind.LIST)).isEqualTo(2);
    }

    @Test
    void connectionResetIsRetried() {
        mock.faults()
                .enable(FaultSpec.of(FaultType.CONNECTION_RESET)
                        .on(Endpoint.DETAIL)
                        .times(1));
        String permitNo = permitNo(7);

        assertThat(client.getPermit(permitNo).block(BLOCK)).isEqualTo(expectedDetail(permitNo));

        assertCalls(mock.stats(), 1, 0, 2);
        assertThat(client.callCounter().retries(CallKind.DETAIL)).isEqualTo(1);
    }

    @Test
    void responseSlowerThanTheTimeoutIsAbandonedAndRetried() {
        // The client waits 1.5 s for response headers; the mock answers after 4 s once.
        mock.faults()
                .enable(FaultSpec.of(FaultType.SLOW_RESPONSE)
                        .on(Endpoint.LIST)
                        .delayMs(4_000)
                        .times(1));

        assertThat(client.listPermits(null, 2, PAGE).block(BLOCK)).isEqualTo(expectedPage(null, 2));

        assertCalls(mock.stats(), 1, 2, 0);
        assertThat(client.callCounter().retries(CallKind.LIST)).isEqualTo(1);
    }

    @Test
    void http429IsRetriedNoEarlierThanRetryAfter() {
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        List<Long> answeredAt = new CopyOnWriteArrayList<>();
        WebClient.Builder recording = WebClient.builder().filter((request, next) -> {
            boolean list = request.url().getPath().equals("/api/v1/permits");
            if (list) {
                sentAt.add(System.nanoTime());
            }
            return next.exchange(request).doOnNext(response -> {
                if (list) {
                    answeredAt.add(System.nanoTime());
                }
            });
        });
        client = WebClientNationalPlatformClient.standalone(ConnectorFixtures.properties(mock), recording);
        mock.faults()
                .enable(FaultSpec.of(FaultType.HTTP_429)
                        .on(Endpoint.LIST)
                        .retryAfterSeconds(1)
                        .times(1));

        assertThat(client.listPermits(null, 1, PAGE).block(BLOCK)).isEqualTo(expectedPage(null, 1));

        assertCalls(mock.stats(), 1, 2, 0);
        assertThat(sentAt).hasSize(2);
        // Back-off alone would be ~10 ms: only Retry-After explains a wait of a second.
        assertThat(Duration.ofNanos(sentAt.get(1) - answeredAt.get(0))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterBeyondTheConfiguredMaximumIsNotWaitedFor() {
        // The fixture accepts waits up to 5 s; a platform asking for 60 s makes the sync pause instead.
        mock.faults()
                .enable(FaultSpec.of(FaultType.HTTP_429)
                        .on(Endpoint.LIST)
                        .retryAfterSeconds(60)
                        .times(1));

        assertThatThrownBy(() -> client.listPermits(null, 1, PAGE).block(BLOCK))
                .isInstanceOf(PlatformUnavailableException.class)
                .hasMessageContaining("429");

        assertCalls(mock.stats(), 1, 1, 0);
    }

    @Test
    void failingTokenCallIsRetriedWithTheCallItServes() {
        mock.faults()
                .enable(FaultSpec.of(FaultType.SERVER_ERROR).on(Endpoint.TOKEN).times(1));

        assertThat(client.listPermits(null, 1, PAGE).block(BLOCK)).isEqualTo(expectedPage(null, 1));

        assertCalls(mock.stats(), 2, 1, 0);
    }

    @Test
    void everyHttpCallIncludingTheTokenCallTakesARateLimiterPermit() {
        List<String> permitted = new CopyOnWriteArrayList<>();
        client.resilience()
                .rateLimiter()
                .getEventPublisher()
                .onSuccess(event -> permitted.add(event.getRateLimiterName()));

        client.listPermits(null, 1, PAGE).block(BLOCK);
        client.getPermit(permitNo(0)).block(BLOCK);

        assertThat(permitted).hasSize(3).containsOnly(PlatformResilience.PLATFORM);
        assertCalls(mock.stats(), 1, 1, 1);
    }

    @Test
    void code42901IsRetried() {
        mock.faults()
                .enable(FaultSpec.of(FaultType.CODE_42901).on(Endpoint.LIST).times(2));

        assertThat(client.listPermits(null, 3, PAGE).block(BLOCK)).isEqualTo(expectedPage(null, 3));

        assertCalls(mock.stats(), 1, 3, 0);
    }

    @Test
    void code50001IsRetried() {
        mock.faults()
                .enable(FaultSpec.of(FaultType.CODE_50001).on(Endpoint.DETAIL).times(1));
        String permitNo = permitNo(11);

        assertThat(client.getPermit(permitNo).block(BLOCK)).isEqualTo(expectedDetail(permitNo));

        assertCalls(mock.stats(), 1, 0, 2);
    }

    @Test
    void tokenExpiredAs401IsRefreshedOnceAndTheCallRepeated() {
        tokenExpiryMidRun(TokenErrorStyle.HTTP_401);
    }

    @Test
    void tokenExpiredAsCode40101IsRefreshedOnceAndTheCallRepeated() {
        tokenExpiryMidRun(TokenErrorStyle.CODE_40101);
    }

    private void tokenExpiryMidRun(TokenErrorStyle style) {
        assertThat(client.listPermits(null, 1, PAGE).block(BLOCK)).isEqualTo(expectedPage(null, 1));
        mock.faults()
                .enable(FaultSpec.of(FaultType.TOKEN_EXPIRED)
                        .on(Endpoint.LIST)
                        .tokenStyle(style)
                        .times(1));

        assertThat(client.listPermits(null, 2, PAGE).block(BLOCK)).isEqualTo(expectedPage(null, 2));
        assertThat(client.listPermits(null, 3, PAGE).block(BLOCK)).isEqualTo(expectedPage(null, 3));

        // token, page 1, rejected page 2, token, page 2 again, page 3 with the new token.
        assertCalls(mock.stats(), 2, 4, 0);
        assertThat(client.callCounter().retries(CallKind.LIST)).isZero();
    }

    @Test
    void concurrentCallsRejectedWithTheSameTokenShareOneRefresh() {
        List<String> permitNos = mock.dataset().summaries().stream()
                .limit(8)
                .map(org.permitwatch.mock.dataset.PermitSummary::permitNo)
                .toList();
        assertThat(client.getPermit(permitNos.get(0)).block(BLOCK)).isEqualTo(expectedDetail(permitNos.get(0)));
        // Revokes every token issued so far: all eight concurrent calls present a dead token.
        mock.faults()
                .enable(FaultSpec.of(FaultType.TOKEN_EXPIRED)
                        .on(Endpoint.DETAIL)
                        .times(1));

        List<PermitDetail> details = Flux.fromIterable(permitNos)
                .flatMap(client::getPermit, 8)
                .collectList()
                .block(BLOCK);

        assertThat(details)
                .containsExactlyInAnyOrderElementsOf(
                        permitNos.stream().map(this::expectedDetail).toList());
        assertThat(mock.stats().tokenRequests()).isEqualTo(2);
        assertThat(client.callCounter().calls(CallKind.TOKEN)).isEqualTo(2);
    }

    @Test
    void malformedBodyOnOnePageIsRetriedAndNoPageIsLostOrChanged() {
        mock.faults()
                .enable(FaultSpec.of(FaultType.MALFORMED_BODY)
                        .on(Endpoint.LIST)
                        .onPage(2)
                        .times(1));

        List<PermitPage> pages = Flux.range(1, 3)
                .concatMap(pageNo -> client.listPermits(null, pageNo, PAGE))
                .collectList()
                .block(BLOCK);

        assertThat(pages).containsExactly(expectedPage(null, 1), expectedPage(null, 2), expectedPage(null, 3));
        assertCalls(mock.stats(), 1, 4, 0);
        assertThat(client.callCounter().retries(CallKind.LIST)).isEqualTo(1);
    }

    @Test
    void badParameterIsRejectedWithoutRetry() {
        mock.faults()
                .enable(FaultSpec.of(FaultType.BAD_PARAMETER).on(Endpoint.LIST).always());

        assertThatThrownBy(() -> client.listPermits(null, 1, PAGE).block(BLOCK))
                .isInstanceOfSatisfying(
                        PlatformRejectedException.class,
                        rejected -> assertThat(rejected.platformCode()).isEqualTo(40001));

        assertCalls(mock.stats(), 1, 1, 0);
        assertThat(client.callCounter().retries(CallKind.LIST)).isZero();
    }

    @Test
    void unknownPermitAsHttp404IsEmpty() {
        assertThat(client.getPermit("91140000NOTHERE0000001P").blockOptional(BLOCK))
                .isEmpty();

        assertCalls(mock.stats(), 1, 0, 1);
    }

    @Test
    void unknownPermitAsCode40401IsEmpty() {
        try (NationalPlatformMock codeStyle = NationalPlatformMock.start(
                MockOptions.builder().size(5).notFoundAsHttp404(false).build())) {
            WebClientNationalPlatformClient codeClient = WebClientNationalPlatformClient.standalone(
                    ConnectorFixtures.properties(codeStyle), WebClient.builder());

            assertThat(codeClient.getPermit("91140000NOTHERE0000001P").blockOptional(BLOCK))
                    .isEmpty();

            assertCalls(codeStyle.stats(), 1, 0, 1);
        }
    }

    @Test
    void permitDeletedBetweenListAndDetailIsEmpty() {
        String permitNo = permitNo(3);
        mock.faults()
                .enable(FaultSpec.of(FaultType.DELETED_BEFORE_DETAIL)
                        .forPermit(permitNo)
                        .times(1));

        assertThat(client.getPermit(permitNo).blockOptional(BLOCK)).isEmpty();

        assertCalls(mock.stats(), 1, 0, 1);
    }

    @Test
    void persistentFailureEndsAsUnavailableAfterMaxAttempts() {
        mock.faults()
                .enable(FaultSpec.of(FaultType.SERVER_ERROR)
                        .on(Endpoint.DETAIL)
                        .status(500)
                        .always());

        assertThatThrownBy(() -> client.getPermit(permitNo(1)).block(BLOCK))
                .isInstanceOf(PlatformUnavailableException.class)
                .hasRootCauseInstanceOf(PlatformFault.class);

        assertCalls(mock.stats(), 1, 0, 4);
        assertThat(client.callCounter().retries(CallKind.DETAIL)).isEqualTo(3);
    }

    @Test
    void breakerOpensAfterRepeatedFailuresAndThenFailsFastWithoutCallingThePlatform() {
        client = WebClientNationalPlatformClient.standalone(
                ConnectorFixtures.properties(
                        mock, new NationalPlatformProperties.Breaker(4, 4, 50, Duration.ofMinutes(5), 9), 8, 2),
                WebClient.builder());
        openTheBreakerWithFailingListCalls();
        MockStats whenOpened = mock.stats();
        assertCalls(whenOpened, 1, 4, 0);

        assertThatThrownBy(() -> client.listPermits(null, 1, PAGE).block(BLOCK))
                .isInstanceOf(PlatformUnavailableException.class)
                .hasCauseInstanceOf(CallNotPermittedException.class);
        assertThatThrownBy(() -> client.getPermit(permitNo(2)).block(BLOCK))
                .isInstanceOf(PlatformUnavailableException.class)
                .hasCauseInstanceOf(CallNotPermittedException.class);

        assertCalls(mock.stats(), 1, 4, 0);
        assertThat(client.callCounter().snapshot().totalCalls()).isEqualTo(5);
    }

    /**
     * A resumed run's page: one list call, then every listed permit's detail, 8 at a time. A trial is finished only
     * when all its calls have answered, and a detail starts as soon as an earlier one answers: so the details beyond
     * the trial ask while it is still running, whatever its size. They must wait for its verdict, not fail (with the
     * trial of 9 alone, the 9th detail was refused and the run paused again: the system test's fault drill spent all
     * 8 automatic resumes that way in CI, session 13).
     */
    @ParameterizedTest(name = "trial of {0}")
    @ValueSource(ints = {3, 9})
    void aHalfOpenBreakerAdmitsAWholePageOfARunThatResumes(int trial) throws InterruptedException {
        client = WebClientNationalPlatformClient.standalone(
                ConnectorFixtures.properties(
                        mock, new NationalPlatformProperties.Breaker(4, 4, 50, Duration.ofMillis(200), trial), 8, 2),
                WebClient.builder());
        openTheBreakerWithFailingListCalls();

        mock.faults().clear();
        Thread.sleep(400); // past wait-in-open: the next call finds the breaker half-open
        PermitPage page = client.listPermits(null, 1, PAGE).block(BLOCK);
        assertThat(client.resilience().circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        List<String> permitNos =
                page.records().stream().map(PermitSummary::permitNo).toList();
        assertThat(permitNos).hasSize(PAGE);
        MockStats before = mock.stats();
        List<PermitDetail> details = Flux.fromIterable(permitNos)
                .flatMap(client::getPermit, client.maxConcurrentDetails())
                .collectList()
                .block(BLOCK);
        assertThat(details)
                .containsExactlyInAnyOrderElementsOf(
                        permitNos.stream().map(this::expectedDetail).toList());
        assertThat(client.resilience().circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        // Waiting is not retrying: every detail reached the platform exactly once.
        assertThat(mock.stats().detailRequests() - before.detailRequests()).isEqualTo(PAGE);
        assertThat(client.callCounter().retries(CallKind.DETAIL)).isZero();
    }

    @Test
    void aCallWaitingForTheTrialFailsFastOnceTheTrialReopensTheBreaker() throws InterruptedException {
        client = WebClientNationalPlatformClient.standalone(
                ConnectorFixtures.properties(
                        mock, new NationalPlatformProperties.Breaker(4, 4, 50, Duration.ofMinutes(5), 3), 8, 2),
                WebClient.builder());
        // wait-in-open of 5 min: the breaker, once reopened by the trial, stays open for the rest of the test.
        openTheBreakerWithFailingListCalls();
        client.resilience().circuitBreaker().transitionToHalfOpenState();
        // Every detail fails: the trial of 3 fails and reopens the breaker, and the details that waited for its
        // verdict must then fail at once, without reaching the platform.
        mock.faults()
                .enable(FaultSpec.of(FaultType.SERVER_ERROR)
                        .on(Endpoint.DETAIL)
                        .status(503)
                        .always());
        MockStats before = mock.stats();
        long started = System.nanoTime();
        List<Object> outcomes = Flux.fromIterable(mock.dataset().summaries().stream()
                        .limit(PAGE)
                        .map(org.permitwatch.mock.dataset.PermitSummary::permitNo)
                        .toList())
                .flatMap(no -> client.getPermit(no).<Object>map(d -> d).onErrorResume(Mono::just), 8)
                .collectList()
                .block(BLOCK);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        // Not a performance figure: a call that kept waiting after the verdict would end only at the 10 s call timeout.
        assertThat(waited).isLessThan(Duration.ofSeconds(5));
        assertThat(outcomes)
                .hasSize(PAGE)
                .allSatisfy(o -> assertThat(o).isInstanceOf(PlatformUnavailableException.class));
        assertThat(client.resilience().circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(mock.stats().detailRequests() - before.detailRequests())
                .as("only the trial's 3 calls reached the platform")
                .isEqualTo(3);
    }

    @Test
    void bulkheadRefusesDetailFetchesBeyondItsLimit() {
        client = WebClientNationalPlatformClient.standalone(
                ConnectorFixtures.properties(mock, ConnectorFixtures.lenientBreaker(), 2, 4), WebClient.builder());
        // Slow enough that the first two are still in flight when the other three ask.
        mock.faults()
                .enable(FaultSpec.of(FaultType.SLOW_RESPONSE)
                        .on(Endpoint.DETAIL)
                        .delayMs(500)
                        .always());
        List<String> permitNos = mock.dataset().summaries().stream()
                .limit(5)
                .map(org.permitwatch.mock.dataset.PermitSummary::permitNo)
                .toList();

        List<Object> outcomes = Flux.fromIterable(permitNos)
                .flatMap(
                        no -> client.getPermit(no).<Object>map(detail -> detail).onErrorResume(Mono::just), 5)
                .collectList()
                .block(BLOCK);

        List<Object> details =
                outcomes.stream().filter(PermitDetail.class::isInstance).toList();
        List<Object> refused = outcomes.stream()
                .filter(PlatformUnavailableException.class::isInstance)
                .toList();
        assertThat(details)
                .hasSize(2)
                .allSatisfy(detail -> assertThat(detail)
                        .isEqualTo(
                                expectedDetail(((PermitDetail) detail).summary().permitNo())));
        assertThat(refused)
                .hasSize(3)
                .allSatisfy(
                        error -> assertThat(((Throwable) error).getCause()).isInstanceOf(BulkheadFullException.class));
        assertCalls(mock.stats(), 1, 0, 2);
        // Refusals are not platform failures.
        assertThat(client.resilience().circuitBreaker().getMetrics().getNumberOfFailedCalls())
                .isZero();

        // A caller that bounds its concurrency to the bulkhead gets everything.
        List<PermitDetail> bounded = Flux.fromIterable(permitNos)
                .flatMap(client::getPermit, client.maxConcurrentDetails())
                .collectList()
                .block(BLOCK);
        assertThat(bounded)
                .containsExactlyInAnyOrderElementsOf(
                        permitNos.stream().map(this::expectedDetail).toList());
    }

    /** Window of 4 attempts, 2 attempts per call: two failed list calls open the breaker. */
    private void openTheBreakerWithFailingListCalls() {
        mock.faults()
                .enable(FaultSpec.of(FaultType.SERVER_ERROR).on(Endpoint.LIST).always());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.listPermits(null, 1, PAGE).block(BLOCK))
                    .isInstanceOf(PlatformUnavailableException.class);
        }
        assertThat(client.resilience().circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    private static PermitPage expectedPage(OffsetDateTime since, int pageNo) {
        DatasetSnapshot.Page page = mock.dataset().page(since, (long) (pageNo - 1) * PAGE, PAGE);
        return new PermitPage(page.total(), pageNo, PAGE, MockPermits.summaries(page.records()));
    }

    private PermitDetail expectedDetail(String permitNo) {
        return MockPermits.detail(mock.dataset().find(permitNo).orElseThrow());
    }

    private static String permitNo(int index) {
        return mock.dataset().summaries().get(index).permitNo();
    }

    private static void assertCalls(MockStats stats, long token, long list, long detail) {
        assertThat(stats.tokenRequests()).as("token requests").isEqualTo(token);
        assertThat(stats.listRequests()).as("list requests").isEqualTo(list);
        assertThat(stats.detailRequests()).as("detail requests").isEqualTo(detail);
    }
}
