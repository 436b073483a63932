package org.permitwatch.support.problem;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem responses for every error of a WebFlux service ({@code permitwatch.problem.enabled}). */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "permitwatch.problem.enabled", matchIfMissing = true)
public class ProblemAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemFactory problemFactory() {
        return new ProblemFactory();
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemWriter problemWriter(ObjectProvider<JsonMapper> jsonMapper) {
        return new ProblemWriter(
                jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    @Bean
    ProblemAdvice permitWatchProblemAdvice(ProblemFactory problems) {
        return new ProblemAdvice(problems);
    }

    /** Ahead of Boot's default handler (order -1) so nothing falls through to its JSON error body. */
    @Bean
    @Order(-2)
    ProblemWebExceptionHandler problemWebExceptionHandler(ProblemFactory problems, ProblemWriter writer) {
        return new ProblemWebExceptionHandler(problems, writer);
    }
}
