package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Sync runs through the gateway, as the province's operator starts them. A run the platform's outage PAUSED resumes
 * from its checkpoint by itself (ADR 0036; the platform runs with a short auto-resume back-off, see {@link Platform}):
 * this waits for that, with no human action, and triggers again only when the automatic attempts are used up, as an
 * operator would then.
 */
final class Sync {

    private static final Duration RETRIGGER_AFTER = Duration.ofSeconds(10);

    private final Api gateway;
    private final String provinceToken;

    Sync(Api gateway, String provinceToken) {
        this.gateway = gateway;
        this.provinceToken = provinceToken;
    }

    /**
     * Starts a run and waits for SUCCEEDED or FAILED, through its automatic resumes; re-triggers a run whose automatic
     * resumes are used up (RETRIES_EXHAUSTED). Returns the final run view.
     */
    JsonNode run(String mode, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String id = trigger(mode);
        int retriggers = 0;
        int pausesSeen = 0;
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = gateway.get("/api/v1/sync/runs/" + id, provinceToken).json();
            String status = run.path("status").asString();
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                System.out.println("[system-test] sync " + id + " " + status + " after " + run.path("pauseCount")
                        + " pause(s), " + retriggers + " re-trigger(s) by hand");
                return run;
            }
            if (status.equals("PAUSED")) {
                JsonNode pause = run.path("pause");
                assertThat(pause.path("lastFault").asString())
                        .as("a paused run says why: %s", run)
                        .isNotBlank();
                if (pause.path("reason").asString().equals("RETRIES_EXHAUSTED")) {
                    Api.sleep(RETRIGGER_AFTER.toMillis());
                    assertThat(trigger(mode))
                            .as("a trigger resumes the paused run")
                            .isEqualTo(id);
                    retriggers++;
                } else {
                    if (run.path("pauseCount").asInt() > pausesSeen) {
                        pausesSeen = run.path("pauseCount").asInt();
                        assertThat(pause.path("nextRetryAt").isNull()
                                        || pause.path("nextRetryAt").isMissingNode())
                                .as("a run paused by the platform plans its automatic resume: %s", run)
                                .isFalse();
                        System.out.println("[system-test] sync " + id + " paused (" + pause.path("lastFault")
                                + "), resumes by itself at " + pause.path("nextRetryAt") + ", attempt "
                                + pause.path("attempt") + " of " + pause.path("maxAttempts"));
                    }
                    Api.sleep(500);
                }
            } else {
                Api.sleep(500);
            }
        }
        throw new AssertionError("sync " + id + " did not end within " + timeout + "; last: " + run);
    }

    /** The run as the API shows it. */
    JsonNode view(String id) {
        return gateway.get("/api/v1/sync/runs/" + id, provinceToken).json();
    }

    /** Starts a run (or resumes the paused one, by hand); its id. */
    String trigger(String mode) {
        Api.Reply started = gateway.post("/api/v1/sync/runs", provinceToken, Map.of("mode", mode));
        assertThat(started.status()).as("start %s sync: %s", mode, started).isIn(200, 201, 202);
        return started.json().get("id").asString();
    }
}
