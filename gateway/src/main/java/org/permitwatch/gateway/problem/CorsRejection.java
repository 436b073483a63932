package org.permitwatch.gateway.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS rejections as problem+json. Spring's {@code CorsProcessor} contract is synchronous (it returns a boolean and
 * the {@code CorsWebFilter} then ends the exchange with an empty 403), so the processor only marks the exchange and
 * {@link ProblemFilter}, which wraps Spring Security's chain, writes the body once the chain has ended.
 */
final class CorsRejection {

    static final String REJECTED = CorsRejection.class.getName() + ".rejected";

    private CorsRejection() {}

    /** Spring Security's {@code cors()} picks up a {@code CorsProcessor} bean for its {@code CorsWebFilter}. */
    static final class MarkingProcessor extends DefaultCorsProcessor {
        @Override
        public boolean process(CorsConfiguration config, ServerWebExchange exchange) {
            boolean valid = super.process(config, exchange);
            if (!valid) {
                exchange.getAttributes().put(REJECTED, Boolean.TRUE);
            }
            return valid;
        }
    }

    /** Ordered between the correlation filter and Spring Security (-100). */
    static final class ProblemFilter implements WebFilter, org.springframework.core.Ordered {

        private final ProblemResponses problems;

        ProblemFilter(ProblemResponses problems) {
            this.problems = problems;
        }

        @Override
        public int getOrder() {
            return -150;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            return chain.filter(exchange).then(Mono.defer(() -> {
                if (!Boolean.TRUE.equals(exchange.getAttribute(REJECTED))
                        || exchange.getResponse().isCommitted()) {
                    return Mono.empty();
                }
                return problems.write(
                        exchange,
                        HttpStatus.FORBIDDEN,
                        "cors-rejected",
                        "Cross-origin request refused",
                        "This origin, method or header is not allowed to call the API from a browser");
            }));
        }
    }
}
