package org.permitwatch.inspection.cases;

import io.swagger.v3.oas.annotations.media.Schema;
import org.permitwatch.inspection.penalty.DailyFineExplanation;
import org.permitwatch.inspection.penalty.Explanation;

/**
 * The published shape of a decision's explanation (documentation only: stored as jsonb and returned verbatim). FINE
 * and NO_PENALTY decisions copy their proposal's {@link Explanation}; DAILY_CONTINUOUS decisions store a
 * {@link DailyFineExplanation}. The decision's {@code kind} tells which.
 */
@Schema(
        name = "DecisionExplanation",
        description = "FINE and NO_PENALTY: the proposal's Explanation; DAILY_CONTINUOUS: a DailyFineExplanation",
        oneOf = {Explanation.class, DailyFineExplanation.class})
interface DecisionExplanation {}
