package org.permitwatch.liaison.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.permitwatch.liaison.LiaisonTestData.contact;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.liaison.LiaisonIntegrationTest;
import org.permitwatch.liaison.LiaisonTestServers;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Delivery against a real SMTP server (GreenMail) and a real HTTP receiver (WireMock): retried while they fail,
 * then delivered exactly once; never twice for the same event key; FAILED and visible after the last attempt.
 */
@LiaisonIntegrationTest
class NotificationDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final WireMockServer ROBOTS = LiaisonTestServers.robots();
    private static final String ROBOT_PATH = LiaisonTestServers.ROBOT_PATH;

    @Autowired
    Notifications notifications;

    @Autowired
    DatabaseClient db;

    @Autowired
    WebTestClient web;

    private UUID taiyuanEnforcement;

    @BeforeEach
    void contacts() {
        db.sql("DELETE FROM notification_attempt").then().block();
        db.sql("DELETE FROM notification").then().block();
        db.sql("DELETE FROM notification_request").then().block();
        db.sql("DELETE FROM liaison_contact").then().block();
        taiyuanEnforcement = contact(db, "140100", "ENFORCEMENT", "wang@ty.example.cn");
        contact(db, "140100", "PERMIT_ISSUING", "li@ty.example.cn");
        contact(db, "140200", "ENFORCEMENT", "zhao@dt.example.cn");
        LiaisonTestServers.reset();
    }

    /** A test that took the SMTP server down leaves it up for the next one (and the next class). */
    @AfterEach
    void smtpBackUp() {
        LiaisonTestServers.startSmtp();
    }

    @Test
    void mailIsRetriedWhileTheSmtpServerIsDownThenDeliveredOnceWithADeterministicMessageId() throws Exception {
        LiaisonTestServers.stopSmtp();

        UUID requestId = notifications
                .request(NotificationRequest.email(
                        "test:smtp-down",
                        NotificationRequest.Recipients.contacts(List.of(taiyuanEnforcement)),
                        "联络员通知",
                        "Please reply."))
                .block();

        // At least two failed attempts against the closed port before the server comes back.
        await().atMost(WAIT).until(() -> errorAttempts() >= 2);
        assertThat(status(requestId)).containsExactly("PENDING");
        LiaisonTestServers.startSmtp();

        await().atMost(WAIT).until(() -> status(requestId).equals(List.of("SENT")));
        MimeMessage[] received = LiaisonTestServers.mails(db);
        assertThat(received).hasSize(1);
        UUID notificationId = db.sql("SELECT id FROM notification WHERE request_id = :r")
                .bind("r", requestId)
                .map(r -> r.get("id", UUID.class))
                .one()
                .block();
        assertThat(received[0].getMessageID()).isEqualTo("<" + notificationId + "@notification.permitwatch>");
        assertThat(received[0].getSubject()).isEqualTo("联络员通知");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("wang@ty.example.cn");

        // The delivery log shows the failed attempts and the successful one.
        web.get()
                .uri("/api/v1/notifications/{id}", notificationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("PROVINCE", "140000"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("SENT")
                .jsonPath("$.recipient")
                .isEqualTo("w***@ty.example.cn")
                .jsonPath("$.attemptLog[0].outcome")
                .isEqualTo("ERROR")
                .jsonPath("$.attemptLog[-1].outcome")
                .isEqualTo("SENT");
    }

    @Test
    void webhookIsRetriedOnServerErrorsThenDeliveredOnceWithAVerifiableSignature() {
        ROBOTS.stubFor(post(urlEqualTo(ROBOT_PATH))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("failed-once"));
        ROBOTS.stubFor(post(urlEqualTo(ROBOT_PATH))
                .inScenario("flaky")
                .whenScenarioStateIs("failed-once")
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("recovered"));
        ROBOTS.stubFor(post(urlEqualTo(ROBOT_PATH))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));

        UUID requestId = notifications
                .request(new NotificationRequest(
                        "test:webhook",
                        Set.of(NotificationRequest.Channel.WEBHOOK),
                        NotificationRequest.Recipients.division("1401", Set.of()),
                        "整改逾期",
                        "Two units are overdue.",
                        null))
                .block();

        await().atMost(WAIT).until(() -> status(requestId).equals(List.of("SENT")));
        List<LoggedRequest> requests = LiaisonTestServers.robotCalls(db);
        assertThat(requests).hasSize(3);
        // Every retry carries the same delivery id and a signature that verifies with the shared secret.
        assertThat(requests)
                .extracting(r -> r.getHeader(WebhookSignature.DELIVERY_HEADER))
                .containsOnly(requests.get(0).getHeader(WebhookSignature.DELIVERY_HEADER));
        for (LoggedRequest r : requests) {
            assertThat(WebhookSignature.verify(
                            LiaisonTestServers.WEBHOOK_SECRET,
                            r.getHeader(WebhookSignature.TIMESTAMP_HEADER),
                            r.getBodyAsString(),
                            r.getHeader(WebhookSignature.SIGNATURE_HEADER)))
                    .isTrue();
            assertThat(WebhookSignature.verify(
                            "wrong-secret",
                            r.getHeader(WebhookSignature.TIMESTAMP_HEADER),
                            r.getBodyAsString(),
                            r.getHeader(WebhookSignature.SIGNATURE_HEADER)))
                    .isFalse();
        }
        assertThat(requests.get(2).getBodyAsString()).contains("整改逾期").contains("\"divisionCode\":\"140100\"");
        assertThat(attempts(requestId)).isEqualTo(3);
    }

    @Test
    void theSameEventKeyIsDeliveredOnlyOnce() {
        NotificationRequest request = NotificationRequest.email(
                "test:same-event",
                NotificationRequest.Recipients.division("1401", Set.of("ENFORCEMENT")),
                "Reminder",
                "Due in 3 days.");
        UUID first = notifications.request(request).block();
        UUID second = notifications.request(request).block();

        assertThat(second).isEqualTo(first);
        await().atMost(WAIT).until(() -> status(first).equals(List.of("SENT")));
        // A third request after delivery is still a no-op.
        assertThat(notifications.request(request).block()).isEqualTo(first);
        assertThat(LiaisonTestServers.mails(db)).hasSize(1);
        assertThat(attempts(first)).isEqualTo(1);
    }

    @Test
    void aReceiverThatNeverRecoversEndsFailedAndVisibleInTheLog() {
        ROBOTS.stubFor(post(urlEqualTo(ROBOT_PATH)).willReturn(aResponse().withStatus(503)));

        UUID requestId = notifications
                .request(new NotificationRequest(
                        "test:always-down",
                        Set.of(NotificationRequest.Channel.WEBHOOK),
                        NotificationRequest.Recipients.division("1401", Set.of()),
                        "Down",
                        "Never arrives.",
                        null))
                .block();

        await().atMost(WAIT).until(() -> status(requestId).equals(List.of("FAILED")));
        assertThat(attempts(requestId)).isEqualTo(4);
        assertThat(LiaisonTestServers.robotCalls(db)).hasSize(4);
        web.get()
                .uri("/api/v1/notifications?status=FAILED")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", "140100"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].lastError")
                .value(e -> assertThat((String) e).contains("503"))
                // the robot's access key in the query string is not shown
                .jsonPath("$.items[0].recipient")
                .value(u -> assertThat((String) u).doesNotContain("secret-robot-key"));
        // Another city's scope does not see Taiyuan's notifications.
        web.get()
                .uri("/api/v1/notifications")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", "140200"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
    }

    @Test
    void aRolledBackCallerTransactionLeavesNoNotification() {
        var tx = org.springframework.transaction.reactive.TransactionalOperator.create(
                new org.springframework.r2dbc.connection.R2dbcTransactionManager(db.getConnectionFactory()));
        NotificationRequest request = NotificationRequest.email(
                "test:rolled-back",
                NotificationRequest.Recipients.contacts(List.of(taiyuanEnforcement)),
                "Never",
                "Rolled back.");
        tx.transactional(notifications
                        .request(request)
                        .then(reactor.core.publisher.Mono.error(new IllegalStateException("business failure"))))
                .onErrorResume(e -> reactor.core.publisher.Mono.empty())
                .block();
        Long rows = db.sql("SELECT count(*) AS n FROM notification_request WHERE event_key = 'test:rolled-back'")
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
        assertThat(rows).isZero();
    }

    private List<String> status(UUID requestId) {
        return db.sql("SELECT status FROM notification WHERE request_id = :r ORDER BY id")
                .bind("r", requestId)
                .map(r -> r.get("status", String.class))
                .all()
                .collectList()
                .block();
    }

    private long errorAttempts() {
        return db.sql("SELECT count(*) AS n FROM notification_attempt WHERE outcome = 'ERROR'")
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
    }

    private int attempts(UUID requestId) {
        return db.sql("SELECT sum(attempts)::int AS n FROM notification WHERE request_id = :r")
                .bind("r", requestId)
                .map(r -> r.get("n", Integer.class))
                .one()
                .block();
    }
}
