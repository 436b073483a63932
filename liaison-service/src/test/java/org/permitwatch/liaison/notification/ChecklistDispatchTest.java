package org.permitwatch.liaison.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.testsupport.TestJwts;
import org.permitwatch.testsupport.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The province sends its checklist to every active liaison in one action, once per Idempotency-Key. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eureka.client.enabled=false", "permitwatch.liaison.notification.poll-interval=200ms"})
@AutoConfigureWebTestClient(timeout = "30s")
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class ChecklistDispatchTest {

    private static final int SMTP_PORT = freePort();
    private static final GreenMail SMTP =
            new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "liaison");
        TestJwts.register(registry);
        SMTP.start();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Test
    void everyActiveLiaisonWithAnEmailGetsTheChecklistOnce() throws Exception {
        contact("140100", "ENFORCEMENT", "ty-zf@example.cn", true);
        contact("140100", "PERMIT_ISSUING", "ty-xk@example.cn", true);
        contact("140200", "ENFORCEMENT", "dt-zf@example.cn", true);
        contact("140000", "PROVINCE", "sheng@example.cn", true);
        contact("140200", "PERMIT_ISSUING", "dt-old@example.cn", false); // replaced, inactive
        contact("140300", "ENFORCEMENT", null, true); // no e-mail on file
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
        MimeMessage[] mails = SMTP.getReceivedMessages();
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

    private void contact(String division, String role, String email, boolean active) {
        var spec = db.sql("""
                        INSERT INTO liaison_contact (id, division_code, organisation, person_name, email, active, role)
                        VALUES (:id, :division, '生态环境局', '联络员', :email, :active, :role)""")
                .bind("id", UUID.randomUUID())
                .bind("division", division)
                .bind("active", active)
                .bind("role", role);
        (email == null ? spec.bindNull("email", String.class) : spec.bind("email", email))
                .then()
                .block();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
