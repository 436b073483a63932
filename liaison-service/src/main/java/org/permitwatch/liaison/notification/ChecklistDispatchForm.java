package org.permitwatch.liaison.notification;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;

/**
 * "The province sends its checklist to every liaison in one action".
 *
 * @param subject             mail subject
 * @param message             mail text
 * @param attachment          the checklist file, uploaded as base64; or null when {@code attachmentReference} is given
 * @param attachmentReference where the checklist can be fetched (document id or URL), quoted in the mail text
 * @param webhook             also post to the divisions' work-chat robots
 */
record ChecklistDispatchForm(
        String subject, String message, Upload attachment, String attachmentReference, Boolean webhook) {

    /** Largest attachment accepted, decoded: mail servers commonly refuse more than 10–25 MB. */
    static final int MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

    record Upload(String fileName, String contentType, String contentBase64) {}

    /** Validates and returns the decoded attachment (null when only a reference is sent). */
    NotificationRequest.Attachment validated() {
        List<FieldProblem> problems = new ArrayList<>();
        if (subject == null || subject.isBlank() || subject.length() > 200) {
            problems.add(new FieldProblem("subject", "is required, at most 200 characters", subject));
        }
        if (message == null || message.isBlank() || message.length() > 20_000) {
            problems.add(new FieldProblem("message", "is required, at most 20000 characters", null));
        }
        boolean hasReference = attachmentReference != null && !attachmentReference.isBlank();
        if (attachment == null && !hasReference) {
            problems.add(new FieldProblem("attachment", "an attachment or an attachmentReference is required", null));
        }
        NotificationRequest.Attachment decoded = null;
        if (attachment != null) {
            if (attachment.fileName() == null
                    || attachment.fileName().isBlank()
                    || attachment.fileName().length() > 200
                    || attachment.fileName().matches(".*[/\\\\\\r\\n].*")) {
                problems.add(new FieldProblem(
                        "attachment.fileName", "is required, a plain file name", attachment.fileName()));
            }
            byte[] bytes = null;
            try {
                bytes = attachment.contentBase64() == null
                        ? null
                        : Base64.getMimeDecoder().decode(attachment.contentBase64());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("attachment.contentBase64", "is not valid base64", null));
            }
            if (bytes != null && (bytes.length == 0 || bytes.length > MAX_ATTACHMENT_BYTES)) {
                problems.add(new FieldProblem(
                        "attachment.contentBase64",
                        "must decode to 1 byte .. " + MAX_ATTACHMENT_BYTES + " bytes",
                        bytes.length));
            } else if (bytes == null && attachment.contentBase64() == null) {
                problems.add(new FieldProblem("attachment.contentBase64", "is required", null));
            }
            if (problems.isEmpty()) {
                decoded = new NotificationRequest.Attachment(
                        attachment.fileName().trim(), attachment.contentType(), bytes);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "checklist dispatch is invalid", problems);
        }
        return decoded;
    }

    String body() {
        if (attachmentReference == null || attachmentReference.isBlank()) {
            return message;
        }
        return message + "\n\n附件: " + attachmentReference.trim();
    }
}
