package org.permitwatch.testsupport;

import io.micrometer.observation.ObservationPredicate;
import io.r2dbc.proxy.ProxyConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.r2dbc.autoconfigure.ProxyConnectionFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Wraps every test application's R2DBC connection factory in r2dbc-proxy (Boot's {@code R2dbcProxyAutoConfiguration}
 * applies each {@link ProxyConnectionFactoryCustomizer}) and counts its SELECTs per unit of work for {@link
 * RepeatedQueries}.
 */
@AutoConfiguration
@ConditionalOnClass({ProxyConnectionFactory.class, ProxyConnectionFactoryCustomizer.class, ObservationPredicate.class})
public class RepeatedQueriesAutoConfiguration {

    @Bean
    ProxyConnectionFactoryCustomizer repeatedQueriesListener() {
        return builder -> builder.listener(new RepeatedQueriesListener());
    }

    /**
     * With r2dbc-proxy on the class path Boot also observes every statement (a span each); production has no
     * r2dbc-proxy and no such spans, and the tests should pay for neither.
     */
    @Bean
    ObservationPredicate noStatementObservationsInTests() {
        return (name, context) -> !name.startsWith("r2dbc.");
    }
}
