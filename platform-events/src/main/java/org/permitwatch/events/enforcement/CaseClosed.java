package org.permitwatch.events.enforcement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A case was closed (销号) after its rectification was verified complete, on {@link EnforcementTopics#CASES},
 * CloudEvents type {@value #TYPE}.
 *
 * @param totalFineYuan the sum of the case's decided fines, in yuan
 * @param penalized     true when any fine was imposed (false for a justified no-penalty)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseClosed(
        CaseRef ref, BigDecimal totalFineYuan, boolean penalized, String closedBy, OffsetDateTime closedAt) {

    public static final String TYPE = "org.permitwatch.inspection.case.closed.v1";
}
