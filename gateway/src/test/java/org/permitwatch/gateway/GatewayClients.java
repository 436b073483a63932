package org.permitwatch.gateway;

import java.time.Duration;
import org.permitwatch.testsupport.UnpooledWebTestClientAutoConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A client to the gateway under test on its random port, without pooled keep-alive connections (ADR 0016). */
public final class GatewayClients {

    private GatewayClients() {}

    public static WebTestClient unpooled(int port) {
        return WebTestClient.bindToServer(UnpooledWebTestClientAutoConfiguration.connector())
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }
}
