package org.permitwatch.liaison.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.permitwatch.liaison.LiaisonTestData.contact;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.liaison.LiaisonIntegrationTest;
import org.permitwatch.liaison.LiaisonTestServers;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The province sends its checklist to every active liaison in one action, once per Idempotency-Key. */
@LiaisonIntegrationTest
class ChecklistDispatchIT {

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @BeforeEach
    void servers() {
        LiaisonTestServers.reset();
    }

    @Test
    void everyActiveLiaisonWithAnEmailGetsTheChecklistOnce() throws Exception {
        contact(db, "140100", "ENFORCEMENT", "ty-zf@example.cn", true);
        contact(db, "140100", "PERMIT_ISSUING", "ty-xk@example.cn", true);
        contact(db, "140200", "ENFORCEMENT", "dt-zf@example.cn", true);
        contact(db, "140000", "PROVINCE", "sheng@example.cn", true);
        contact(db, "140200", "PERMIT_ISSUING", "dt-old@example.cn", false); // replaced, inactive
        contact(db, "140300", "ENFORCEMENT", null, true); // no e-mail on file
        byte[] checklist = "检查事项清单 v1".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> form = Map.of(
                "subject",
                "排污许可执法检查事项清单",
                "message",
                "请各市联络员查收。",
                "attachment",
                Map.of(
                        "fileName",
                        "检查事项清单.xlsx",
                        "contentType",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "contentBase64",
                        Base64.getEncoder().encodeToString(checklist)));
        String province = "Bearer " + TestJwts.token("PROVINCE", "140000");

        Map<?, ?> first = web.post()
                .uri("/api/v1/notifications/checklist-dispatch")
                .header(HttpHeaders.AUTHORIZATION, province)
                .header("Idempotency-Key", "checklist-2026")
                .bodyValue(form)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(first.get("notifications")).isEqualTo(4);
        Map<?, ?> again = web.post()
                .uri("/api/v1/notifications/checklist-dispatch")
                .header(HttpHeaders.AUTHORIZATION, province)
                .header("Idempotency-Key", "checklist-2026")
                .bodyValue(form)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(again.get("requestId")).isEqualTo(first.get("requestId"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> sent(first.get("requestId").toString()) == 4);
        MimeMessage[] mails = LiaisonTestServers.mails(db);
        assertThat(mails).hasSize(4);
        assertThat(Arrays.stream(mails).flatMap(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients()).map(Address::toString);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .containsExactlyInAnyOrder(
                        "ty-zf@example.cn", "ty-xk@example.cn", "dt-zf@example.cn", "sheng@example.cn");
        MimeMultipart parts = (MimeMultipart) mails[0].getContent();
        assertThat(mails[0].getSubject()).isEqualTo("排污许可执法检查事项清单");
        assertThat(text(parts.getBodyPart(0))).contains("请各市联络员查收");
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("检查事项清单.xlsx");
        assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(checklist);

        Long audited = db.sql("SELECT count(*) AS n FROM audit_log WHERE action = 'notification.checklist-dispatch'")
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
        assertThat(audited).isEqualTo(1L);
    }

    @Test
    void onlyTheProvinceDispatchesAndTheFormIsValidated() {
        Map<String, Object> form = Map.of("subject", "清单", "message", "见附件", "attachmentReference", "doc-42");
        web.post()
                .uri("/api/v1/notifications/checklist-dispatch")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", "140100"))
                .bodyValue(form)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("province-only");
        web.post()
                .uri("/api/v1/notifications/checklist-dispatch")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("PROVINCE", "140000"))
                .bodyValue(Map.of("subject", "清单", "message", "见附件"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("attachment");
        web.post()
                .uri("/api/v1/notifications/checklist-dispatch")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("PROVINCE", "140000"))
                .bodyValue(Map.of(
                        "subject",
                        "清单",
                        "message",
                        "见附件",
                        "attachment",
                        Map.of("fileName", "a.xlsx", "contentBase64", "%%%not-base64")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("attachment.contentBase64");
    }

    /** The first text/plain content inside a (possibly nested) MIME part. */
    private static String text(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = text(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private long sent(String requestId) {
        return db.sql("SELECT count(*) AS n FROM notification WHERE request_id = :r AND status = 'SENT'")
                .bind("r", UUID.fromString(requestId))
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
    }
}
