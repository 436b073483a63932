package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Sync runs through the gateway, as the province's operator starts them. A run the platform's outage PAUSED is
 * resumed from its checkpoint by the next trigger (SyncStatus); the operator here triggers again after a pause.
 */
final class Sync {

    private static final Duration RETRIGGER_AFTER = Duration.ofSeconds(10);

    private final Api gateway;
    private final String provinceToken;

    Sync(Api gateway, String provinceToken) {
        this.gateway = gateway;
        this.provinceToken = provinceToken;
    }

    /** Starts a run and waits for SUCCEEDED or FAILED, re-triggering a PAUSED run; returns the final run view. */
    JsonNode run(String mode, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String id = trigger(mode);
        int retriggers = 0;
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = gateway.get("/api/v1/sync/runs/" + id, provinceToken).json();
            String status = run.path("status").asString();
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                System.out.println(
                        "[system-test] sync " + id + " " + status + " after " + retriggers + " re-trigger(s)");
                return run;
            }
            if (status.equals("PAUSED")) {
                Api.sleep(RETRIGGER_AFTER.toMillis());
                assertThat(trigger(mode)).as("a trigger resumes the paused run").isEqualTo(id);
                retriggers++;
            } else {
                Api.sleep(500);
            }
        }
        throw new AssertionError("sync " + id + " did not end within " + timeout + "; last: " + run);
    }

    private String trigger(String mode) {
        Api.Reply started = gateway.post("/api/v1/sync/runs", provinceToken, Map.of("mode", mode));
        assertThat(started.status()).as("start %s sync: %s", mode, started).isIn(200, 201, 202);
        return started.json().get("id").asString();
    }
}
