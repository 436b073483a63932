package org.permitwatch.permitsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.permitwatch.permitsync.connector.PlatformUnavailableException;
import reactor.core.Exceptions;

/** How the engine classifies failures that arrive combined (listing and detail failing together). */
class SyncEngineErrorsTest {

    @Test
    void combinedUnavailableFailuresPauseTheRun() {
        PlatformUnavailableException listing = new PlatformUnavailableException("breaker open (list)", null);
        PlatformUnavailableException detail = new PlatformUnavailableException("breaker open (detail)", null);

        Throwable classified = SyncEngine.unavailableIfAllAre(Exceptions.multiple(listing, detail));

        assertThat(classified).isSameAs(listing);
    }

    @Test
    void aHardFailureAmongThemKeepsTheCompositeSoTheRunFails() {
        Throwable composite = Exceptions.multiple(
                new PlatformUnavailableException("breaker open", null),
                new IllegalStateException("constraint violated"));

        assertThat(SyncEngine.unavailableIfAllAre(composite)).isSameAs(composite);
    }

    @Test
    void aSingleFailureIsLeftAsItIs() {
        IllegalStateException single = new IllegalStateException("boom");
        PlatformUnavailableException unavailable = new PlatformUnavailableException("down", null);

        assertThat(SyncEngine.unavailableIfAllAre(single)).isSameAs(single);
        assertThat(SyncEngine.unavailableIfAllAre(unavailable)).isSameAs(unavailable);
    }
}
