package org.permitwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * The check itself: installed in this JVM by auto-detection (the parent pom's argLine), it must see a blocking call
 * on each kind of thread the services run their reactive code on, and nothing on the threads meant for blocking
 * work. Each test takes what was recorded, so its own afterEach finds the queue empty.
 */
class NoBlockingCallsTest {

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void isOnInEveryTestJvmOfTheBuild() {
        assertThat(Boolean.getBoolean(NoBlockingCalls.ENABLED_PROPERTY)).isTrue();
    }

    @Test
    void aSleepOnReactorsParallelSchedulerIsRecorded() {
        Mono.fromRunnable(NoBlockingCallsTest::sleep)
                .subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(5));

        List<String> found = NoBlockingCalls.drain();
        assertThat(found).singleElement().asString().contains("java.lang.Thread.sleep", "parallel-");
    }

    @Test
    void aSleepOnAnHttpEventLoopIsRecorded() {
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> {
                    sleep();
                    return response.sendString(Mono.just("slept"));
                })
                .bindNow();
        try {
            String body = HttpClient.create()
                    .get()
                    .uri("http://127.0.0.1:" + server.port() + "/")
                    .responseContent()
                    .aggregate()
                    .asString()
                    .block(Duration.ofSeconds(5));
            assertThat(body).isEqualTo("slept");
        } finally {
            server.disposeNow();
        }

        assertThat(NoBlockingCalls.drain())
                .singleElement()
                .asString()
                .contains("java.lang.Thread.sleep", "reactor-http-");
    }

    @Test
    void aSleepOnTheBoundedElasticSchedulerIsWhatItIsFor() {
        Mono.fromRunnable(NoBlockingCallsTest::sleep)
                .subscribeOn(Schedulers.boundedElastic())
                .block(Duration.ofSeconds(5));

        assertThat(NoBlockingCalls.drain()).isEmpty();
    }
}
