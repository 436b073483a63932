package org.permitwatch.inspection.interview;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.Masking;

/** Bodies of the interview API (调查询问笔录, docs/inspection/documents.md#interviews). */
public final class InterviewViews {

    private InterviewViews() {}

    /** One question and its answer, in the order asked. */
    public record QuestionAnswer(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 2000)
            String question,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 4000)
            String answer) {}

    /**
     * {@code POST /api/v1/cases/{caseId}/interviews}.
     *
     * @param officerIds two or more inspectors of the directory (行政处罚法第四十二条: 执法人员不得少于两人)
     */
    public record InterviewRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 50)
            String intervieweeName,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "居民身份证号码, 18 characters (the last may be X)",
                    example = "14010519800101123X")
            String intervieweeIdNumber,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    maxLength = 50,
                    description = "role or relation to the unit, e.g. 环保负责人")
            String intervieweeRole,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200)
            String place,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            OffsetDateTime startedAt,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            OffsetDateTime endedAt,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 2)
            List<UUID> officerIds,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<QuestionAnswer> questions,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    maxLength = 200,
                    description = "the interviewee's own words, e.g. 以上笔录我已看过，与我说的一致")
            String confirmation) {}

    /** An officer as the directory held them when the interview was recorded. */
    public record Officer(UUID inspectorId, String name, String certificateNo) {}

    /** A recorded interview. The interviewee's name and ID number are masked without the pii:read scope. */
    public record Interview(
            UUID id,
            UUID caseId,
            String intervieweeName,
            String intervieweeIdNumber,
            String intervieweeRole,
            String place,
            OffsetDateTime startedAt,
            OffsetDateTime endedAt,
            List<Officer> officers,
            List<QuestionAnswer> questions,
            String confirmation,
            String recordedBy,
            OffsetDateTime recordedAt) {

        /** The view for this caller: personal data in clear only with pii:read. */
        Interview forCaller(Caller caller) {
            if (caller.canReadPersonalData()) {
                return this;
            }
            return new Interview(
                    id,
                    caseId,
                    Masking.name(intervieweeName),
                    Masking.idNumber(intervieweeIdNumber),
                    intervieweeRole,
                    place,
                    startedAt,
                    endedAt,
                    officers,
                    questions,
                    confirmation,
                    recordedBy,
                    recordedAt);
        }
    }
}
