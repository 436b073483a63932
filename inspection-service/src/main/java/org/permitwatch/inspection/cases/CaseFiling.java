package org.permitwatch.inspection.cases;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.support.security.Caller;
import reactor.core.publisher.Mono;

/**
 * The one way another feature opens a case: the remote-check feature turns a reviewed alert into a case through
 * it. Implemented by the cases feature; the call joins the caller's transaction, so the alert's state change and
 * the new case commit together.
 */
public interface CaseFiling {

    /**
     * Opens a case (origin ALERT) for a unit in the caller's division; fails with a problem (404 outside the
     * caller's division, 409 when the alert already has a case).
     *
     * @return the new case's id
     */
    Mono<UUID> openFromAlert(AlertCase request, Caller caller);

    /**
     * @param alertId       the reviewed alert
     * @param permitNumber  the unit
     * @param violationType one of the ten violation types (e.g. UNPERMITTED_DISCHARGE)
     * @param article       article of the Regulation, e.g. {@code 33}
     * @param facts         the facts found (违法事实), in Chinese, from the alert's evidence
     * @param evidence      evidence items: each a map with at least {@code kind} and {@code description}
     * @param violationAt   when the violation happened (a monitoring episode's start); null = when the case opens
     * @param frozenSeries  a monitoring alert's evidence (series, limit, parameters) as JSON text, kept with the case
     *                      unchanged with its SHA-256 ({@code case_monitoring_evidence}, ADR 0034); null otherwise
     */
    record AlertCase(
            UUID alertId,
            String permitNumber,
            String violationType,
            String article,
            String facts,
            List<Map<String, Object>> evidence,
            OffsetDateTime violationAt,
            String frozenSeries) {
        public AlertCase {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }

        /** A remote-check case: no monitoring series, dated by its opening. */
        public AlertCase(
                UUID alertId,
                String permitNumber,
                String violationType,
                String article,
                String facts,
                List<Map<String, Object>> evidence) {
            this(alertId, permitNumber, violationType, article, facts, evidence, null, null);
        }
    }
}
