package org.permitwatch.liaison.deadline;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Response shapes of deadlines, their status and submissions. */
final class DeadlineViews {

    private DeadlineViews() {}

    record Obligation(
            UUID id,
            String code,
            String title,
            String description,
            String recurrence,
            LocalDate dueDate,
            Integer dueDay,
            String firstMonth,
            String lastMonth,
            List<Instance> instances) {

        /** The same obligation with these instances. */
        Obligation withInstances(List<Instance> instances) {
            return new Obligation(
                    id, code, title, description, recurrence, dueDate, dueDay, firstMonth, lastMonth, instances);
        }
    }

    record Instance(UUID id, String period, LocalDate dueDate) {}

    record Status(UUID deadlineId, String code, String title, Instant asOf, List<InstanceStatus> instances) {}

    record InstanceStatus(UUID instanceId, String period, LocalDate dueDate, List<CityStatus> cities) {}

    /**
     * @param counted  the submission that decides the status: the first on-time one, else the first late one
     * @param versions how many versions the city has submitted
     */
    record CityStatus(
            String cityCode,
            String cityName,
            DeadlineStatus status,
            UUID counted,
            Integer countedVersion,
            Instant countedAt,
            int versions) {}

    record Document(String fileName, String sha256, long size, String contentType) {}

    record Submission(
            UUID id,
            UUID deadlineId,
            UUID instanceId,
            String period,
            String cityCode,
            int version,
            Document document,

            @Schema(
                    description = "The structured data submitted instead of a document, verbatim (an open"
                            + " object: the deadline's form decides its members); null for a document",
                    type = "object",
                    additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
            Object data,

            String note,
            String submittedBy,
            Instant submittedAt,
            boolean onTime) {}
}
