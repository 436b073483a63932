package org.permitwatch.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.testapp.SupportIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A request is observed once as {@code http.server.requests} (its span carries the trace, ADR 0043), and Spring
 * Security's own steps are not observed (ADR 0047): no filter-chain, authentication or authorization observations.
 * The checks themselves still run: a request without a token is still refused.
 */
@SupportIntegrationTest
class SecurityObservationsIT {

    @Autowired
    WebTestClient web;

    @Autowired
    ObservationRegistry observations;

    @Test
    void aSignedInRequestIsObservedOnceAndItsSecurityStepsAreNot() {
        Recorder recorder = new Recorder();
        observations.observationConfig().observationHandler(recorder);
        try {
            recorder.on = true;
            web.get()
                    .uri("/api/v1/me")
                    .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("COUNTY", "140105"))
                    .exchange()
                    .expectStatus()
                    .isOk();
            web.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        } finally {
            recorder.on = false;
        }
        assertThat(recorder.names).contains("http.server.requests");
        assertThat(recorder.names).noneMatch(name -> name.startsWith("spring.security"));
    }

    /** Names of the observations started while on (the context is shared: off again after the test). */
    private static final class Recorder implements ObservationHandler<Observation.Context> {
        final Set<String> names = ConcurrentHashMap.newKeySet();
        volatile boolean on;

        @Override
        public void onStart(Observation.Context context) {
            if (on) {
                names.add(context.getName());
            }
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }
}
