package org.permitwatch.testsupport;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Gives every test's {@link WebTestClient} a connector that opens a new connection per request instead of borrowing
 * from Reactor Netty's process-wide pool.
 *
 * <p>Why: on a loaded 2-core CI machine a WebTestClient request occasionally never got an answer (a 30–60 s
 * "Timeout on blocking read") while the server had no request in flight — its graceful shutdown right after found
 * nothing active. The request was lost between the client's pooled keep-alive connection and the server. Tests
 * send a few hundred requests each, so a fresh connection per request costs nothing measurable and removes the
 * shared pool from the picture. {@link HangDiagnostics} still dumps the threads should a request ever hang again.
 */
@AutoConfiguration
@ConditionalOnClass({WebTestClient.class, HttpClient.class, WebTestClientBuilderCustomizer.class})
public class UnpooledWebTestClientAutoConfiguration {

    @Bean
    WebTestClientBuilderCustomizer unpooledWebTestClientConnector() {
        return builder -> builder.clientConnector(connector());
    }

    /** The same connector for tests that build their own client ({@code WebTestClient.bindToServer(connector())}). */
    public static ClientHttpConnector connector() {
        return new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection()));
    }
}
