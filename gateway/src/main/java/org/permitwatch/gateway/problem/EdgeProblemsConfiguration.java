package org.permitwatch.gateway.problem;

import io.netty.channel.ChannelPipeline;
import java.util.Map;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.cors.reactive.CorsProcessor;
import reactor.netty.NettyPipeline;

/**
 * Every answer the gateway gives itself is problem+json (RFC 9457), wherever in the stack it is decided: Netty's
 * size limits, Spring Security's firewall, CORS, routing (404/405) and unexpected errors (500).
 */
@Configuration(proxyBeanMethods = false)
class EdgeProblemsConfiguration {

    static final String REJECTED = "request-rejected";
    static final String REJECTED_DETAIL = "The request was refused as potentially malicious (for example an encoded "
            + "slash, a semicolon or a NUL in the path, a disallowed method or a control character in a header)";

    @Bean
    ProblemErrorWebExceptionHandler problemErrorWebExceptionHandler(ProblemResponses problems) {
        return new ProblemErrorWebExceptionHandler(problems);
    }

    /** {@code @EnableWebFluxSecurity} hands a unique bean of this type to the firewall (otherwise an empty 400). */
    @Bean
    ServerExchangeRejectedHandler firewallRejectionAsProblem(ProblemResponses problems) {
        return (exchange, rejected) -> problems.write(
                exchange,
                HttpStatus.BAD_REQUEST,
                REJECTED,
                "Request rejected",
                REJECTED_DETAIL,
                exchange.getRequest().getPath().value(),
                Map.of());
    }

    @Bean
    CorsProcessor corsProcessor() {
        return new CorsRejection.MarkingProcessor();
    }

    @Bean
    CorsRejection.ProblemFilter corsRejectionProblemFilter(ProblemResponses problems) {
        return new CorsRejection.ProblemFilter(problems);
    }

    @Bean
    NettyServerCustomizer tooLargeRequestAsProblem() {
        HeaderTooLargeProblemHandler handler = new HeaderTooLargeProblemHandler();
        return server -> server.doOnChannelInit((observer, channel, remote) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null
                    && pipeline.get(HeaderTooLargeProblemHandler.NAME) == null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, HeaderTooLargeProblemHandler.NAME, handler);
            }
        });
    }
}
