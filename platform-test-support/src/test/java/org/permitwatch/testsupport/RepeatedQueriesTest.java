package org.permitwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.proxy.core.ValueStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The check itself, fed the way r2dbc-proxy feeds it: an execution whose value store holds the subscriber's Reactor
 * context. Each test drains what it recorded, so the check's own afterEach finds nothing.
 */
class RepeatedQueriesTest {

    private static final String BY_ID = "SELECT * FROM plan_item WHERE plan_id = $1";

    private final ObservationRegistry registry = registry();
    private final RepeatedQueriesListener listener = new RepeatedQueriesListener();

    @AfterEach
    void forget() {
        RepeatedQueries.drain();
    }

    @Test
    void oneSelectRunOnceMoreThanTheLimitForOneRequestIsReportedWithItsCountAndText() {
        Observation request = Observation.start("http.server.requests", registry);
        // Under the request, as the repository's statements run: inside a child observation (a span of a step).
        Observation step = Observation.createNotStarted("step", registry)
                .parentObservation(request)
                .start();

        run(step, BY_ID, RepeatedQueries.LIMIT + 1);

        assertThat(RepeatedQueries.drain())
                .singleElement()
                .asString()
                .startsWith("  " + (RepeatedQueries.LIMIT + 1) + " x in http.server.requests")
                .endsWith(BY_ID);
    }

    @Test
    void theLimitItselfIsAllowed() {
        run(Observation.start("http.server.requests", registry), BY_ID, RepeatedQueries.LIMIT);

        assertThat(RepeatedQueries.drain()).isEmpty();
    }

    @Test
    void eachRequestIsCountedOnItsOwn() {
        run(Observation.start("http.server.requests", registry), BY_ID, RepeatedQueries.LIMIT);
        run(Observation.start("http.server.requests", registry), BY_ID, RepeatedQueries.LIMIT);

        assertThat(RepeatedQueries.drain()).isEmpty();
    }

    @Test
    void writesAndStatementsOutsideAnyObservationAreNotCounted() {
        Observation request = Observation.start("http.server.requests", registry);
        run(request, "INSERT INTO audit_event (id) VALUES ($1)", 20);
        run(request, "WITH moved AS (UPDATE outbox SET sent = true RETURNING id) SELECT count(*) FROM moved", 20);
        for (int i = 0; i < 20; i++) {
            listener.afterQuery(execution(Context.empty(), BY_ID));
        }

        assertThat(RepeatedQueries.drain()).isEmpty();
    }

    @Test
    void anExecutionReportedTwiceIsCountedOnce() {
        Observation request = Observation.start("http.server.requests", registry);
        QueryExecutionInfo failed = execution(Context.of(ObservationThreadLocalAccessor.KEY, request), BY_ID);
        for (int i = 0; i <= RepeatedQueries.LIMIT; i++) {
            listener.afterQuery(failed);
        }

        assertThat(RepeatedQueries.counted()).containsEntry("http.server.requests", java.util.Map.of(BY_ID, 1));
    }

    @Test
    void aReadIsASelectOrAWithThatWritesNothing() {
        assertThat(RepeatedQueries.isSelect("  select 1")).isTrue();
        assertThat(RepeatedQueries.isSelect("WITH x AS (SELECT 1) SELECT * FROM x"))
                .isTrue();
        assertThat(RepeatedQueries.isSelect("WITH x AS (DELETE FROM t RETURNING id) SELECT * FROM x"))
                .isFalse();
        assertThat(RepeatedQueries.isSelect("UPDATE t SET a = 1")).isFalse();
    }

    private void run(Observation observation, String sql, int times) {
        for (int i = 0; i < times; i++) {
            listener.afterQuery(execution(Context.of(ObservationThreadLocalAccessor.KEY, observation), sql));
        }
    }

    private static QueryExecutionInfo execution(ContextView reactor, String sql) {
        ValueStore store = ValueStore.create();
        store.put(ContextView.class, reactor);
        QueryExecutionInfo execution = mock(QueryExecutionInfo.class);
        when(execution.getValueStore()).thenReturn(store);
        when(execution.getQueries()).thenReturn(List.of(new QueryInfo(sql)));
        return execution;
    }

    private static ObservationRegistry registry() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(context -> true);
        return registry;
    }
}
