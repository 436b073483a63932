package org.permitwatch.support.input;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies {@link InputRules} to every request of a WebFlux service ({@code permitwatch.input.guard.enabled}, on by
 * default): the JSON decoder of the <em>server</em> codecs gets {@link InputGuardModule}, and
 * {@link RequestInputFilter} checks query parameters and path segments.
 * <p>
 * Deliberately not applied to the application's {@code JsonMapper} bean: Kafka consumers read events written by our
 * own services (already checked at their edge), and a value the database refuses there still goes to the dead-letter
 * topic after the retries as before; outbound HTTP clients read replies from systems we do not control, where a
 * strict rule would fail a whole sync page.
 */
@AutoConfiguration(after = {JacksonAutoConfiguration.class, WebFluxAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "permitwatch.input.guard.enabled", matchIfMissing = true)
public class InputAutoConfiguration {

    @Bean
    RequestInputFilter permitWatchRequestInputFilter() {
        return new RequestInputFilter();
    }

    /** Last of the WebFlux configurers, so it replaces the decoder Boot's codec customizers installed. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebFluxConfigurer permitWatchInputGuardCodecs(ObjectProvider<JsonMapper> jsonMapper) {
        return new WebFluxConfigurer() {
            @Override
            public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
                JsonMapper base =
                        jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
                JsonMapper guarded =
                        base.rebuild().addModule(new InputGuardModule()).build();
                configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(guarded));
            }
        };
    }
}
