package org.permitwatch.support.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.Optional;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.util.context.ContextView;

/**
 * The span Micrometer Tracing (OpenTelemetry bridge, ADR 0043) opened for the work at hand, as a W3C trace context.
 *
 * <p>Why read the span from the observation instead of asking the {@code Tracer}: on reactive code the "current
 * span" thread local is only right inside operators that restored it; the observation is in the exchange (HTTP,
 * put there by the WebFlux server observation before any filter runs) and in the Reactor context (HTTP, and a Kafka
 * listener's observation captured by {@code block()} under automatic context propagation), which is exact.
 * Empty when tracing is switched off ({@code management.tracing.enabled=false}) or nothing is observed: callers fall
 * back to their own trace id, so a trace id exists in every case.
 */
public final class CurrentTrace {

    private CurrentTrace() {}

    /** The trace of the HTTP server observation of this exchange. */
    public static Optional<TraceContext> of(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .flatMap(context -> {
                    TracingObservationHandler.TracingContext tracing =
                            context.get(TracingObservationHandler.TracingContext.class);
                    Span span = tracing == null ? null : tracing.getSpan();
                    return Optional.ofNullable(span).map(Span::context);
                });
    }

    /** The trace of the observation in this Reactor context (a request's, or a consumed record's). */
    public static Optional<TraceContext> of(ContextView ctx) {
        return ctx.<Observation>getOrEmpty(ObservationThreadLocalAccessor.KEY).flatMap(CurrentTrace::of);
    }

    /** The trace of an observation; walks up to its parents when it has no span of its own. */
    public static Optional<TraceContext> of(Observation observation) {
        Observation.ContextView current = observation.getContext();
        while (current != null) {
            TracingObservationHandler.TracingContext tracing =
                    current.get(TracingObservationHandler.TracingContext.class);
            if (tracing != null && tracing.getSpan() != null) {
                return Optional.of(tracing.getSpan().context());
            }
            ObservationView parent = current.getParentObservation();
            current = parent == null ? null : parent.getContextView();
        }
        return Optional.empty();
    }

    /** {@code 00-<trace id>-<span id>-<flags>}: what we store with outbox rows and send as the CloudEvents header. */
    public static String traceparent(TraceContext context) {
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }
}
