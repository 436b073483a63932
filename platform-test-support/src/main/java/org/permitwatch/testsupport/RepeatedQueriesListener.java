package org.permitwatch.testsupport;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Hands {@link RepeatedQueries} every statement with the unit of work that ran it. r2dbc-proxy stores the Reactor
 * context of the statement's subscriber in the execution's value store; automatic context propagation (ADR 0043) keeps
 * the current observation there, and its root is the request's or the consumed record's.
 */
final class RepeatedQueriesListener implements ProxyExecutionListener {

    /**
     * r2dbc-proxy 1.1 calls {@code afterQuery} twice for one execution when the statement fails or the row mapping
     * throws (the error and the cancel that follows each end the query): a marker in the execution's value store counts
     * it once. Seen on inspection-service's reissue check, whose mapping throws the 409.
     */
    private static final String COUNTED = RepeatedQueriesListener.class.getName() + ".counted";

    @Override
    public void afterQuery(QueryExecutionInfo execution) {
        if (execution.getValueStore().get(COUNTED) != null) {
            return;
        }
        execution.getValueStore().put(COUNTED, Boolean.TRUE);
        ContextView reactor = execution.getValueStore().getOrDefault(ContextView.class, Context.empty());
        Observation observation = reactor.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (observation == null || observation.isNoop()) {
            return;
        }
        Observation unit = root(observation);
        for (QueryInfo query : execution.getQueries()) {
            RepeatedQueries.record(unit, () -> describe(unit), query.getQuery());
        }
    }

    private static Observation root(Observation observation) {
        Observation current = observation;
        for (ObservationView parent = current.getContextView().getParentObservation();
                parent instanceof Observation p;
                parent = current.getContextView().getParentObservation()) {
            current = p;
        }
        return current;
    }

    private static String describe(Observation unit) {
        Observation.ContextView context = unit.getContextView();
        if (context instanceof ReceiverContext<?> receiver && receiver.getCarrier() instanceof ServerHttpRequest http) {
            return "HTTP " + http.getMethod() + " " + http.getPath().value();
        }
        return context.getName()
                + (context.getContextualName() == null ? "" : " (" + context.getContextualName() + ")");
    }
}
