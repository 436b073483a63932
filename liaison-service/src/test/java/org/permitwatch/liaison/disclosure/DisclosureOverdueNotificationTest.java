package org.permitwatch.liaison.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.events.reporting.DisclosureOverdue;
import org.permitwatch.events.reporting.ReportingTopics;
import org.permitwatch.testsupport.TestJwts;
import org.permitwatch.testsupport.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * reporting-service's DisclosureOverdue reaches the draw city's liaisons by mail (real SMTP, GreenMail) once per
 * draw and stage, even when delivered twice or re-raised under a new event id; another city's liaisons hear nothing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "eureka.client.enabled=false",
            "permitwatch.liaison.deadline.reminder-enabled=false",
            "permitwatch.liaison.notification.poll-interval=200ms",
            "permitwatch.liaison.notification.webhook.secret=test-secret"
        })
@EmbeddedKafka(
        partitions = 1,
        topics = ReportingTopics.DISCLOSURE,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class DisclosureOverdueNotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SMTP_PORT = freePort();
    private static final GreenMail SMTP =
            new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "liaison_disclosure");
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
    DatabaseClient db;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    @Test
    void aLateDrawReachesTheCitysLiaisonsOncePerStage() throws Exception {
        contact("140100", "ENFORCEMENT", "wang@ty.example.cn");
        contact("140100", "PERMIT_ISSUING", "li@ty.example.cn");
        contact("140200", "ENFORCEMENT", "zhao@dt.example.cn");
        UUID draw = UUID.randomUUID();
        // Checks ended 2026-09-25, due 2026-10-29 (20 working days, counted in reporting's tests), seen on 10-30.
        DisclosureOverdue late = new DisclosureOverdue(
                draw,
                "OVERDUE",
                "140100",
                "2026-09",
                LocalDate.of(2026, 9, 25),
                LocalDate.of(2026, 10, 29),
                1,
                0,
                2,
                1,
                OffsetDateTime.of(2026, 10, 30, 0, 30, 0, 0, ZoneOffset.UTC));
        DisclosureOverdue marker = new DisclosureOverdue(
                UUID.randomUUID(),
                "APPROACHING",
                "140100",
                "2026-10",
                LocalDate.of(2026, 10, 30),
                LocalDate.of(2026, 11, 27),
                0,
                3,
                1,
                0,
                OffsetDateTime.now());
        String eventId = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new StringSerializer())) {
            send(producer, eventId, late);
            send(producer, eventId, late); // redelivery: the inbox skips it
            send(producer, UUID.randomUUID().toString(), late); // re-raised: the notification key stops it
            send(producer, UUID.randomUUID().toString(), marker);
        }
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM notification WHERE event_key = " + "'disclosure-overdue:"
                                + marker.drawId() + ":APPROACHING'")
                        == 2);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM notification WHERE status <> 'SENT'") == 0);

        assertThat(count("SELECT count(*) FROM notification_request WHERE event_key = 'disclosure-overdue:" + draw
                        + ":OVERDUE'"))
                .isEqualTo(1);
        MimeMessage[] mails = SMTP.getReceivedMessages();
        // two liaisons of 太原 × two events (late, marker); nobody in 大同
        assertThat(Arrays.stream(mails)
                        .map(DisclosureOverdueNotificationTest::to)
                        .sorted()
                        .toList())
                .containsExactly("li@ty.example.cn", "li@ty.example.cn", "wang@ty.example.cn", "wang@ty.example.cn");
        List<String> subjects = Arrays.stream(mails)
                .map(m -> {
                    try {
                        return m.getSubject();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .distinct()
                .sorted()
                .toList();
        assertThat(subjects).containsExactly("抽查结果公示到期提醒：2026-10 双随机抽查", "抽查结果公示逾期提醒：2026-09 双随机抽查");
        assertThat(DisclosureOverdueListener.request(late).body())
                .contains("2026年9月25日检查结束", "应于2026年10月29日前（20个工作日内）", "已逾期1个工作日", "1/2");
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'disclosure-overdue.notify'"))
                .isEqualTo(3);
    }

    private static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(KafkaProducer<String, String> producer, String ceId, DisclosureOverdue payload) throws Exception {
        String key = payload.drawId().toString();
        ProducerRecord<String, String> record =
                new ProducerRecord<>(ReportingTopics.DISCLOSURE, key, json.writeValueAsString(payload));
        record.headers()
                .add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE))
                .add(CloudEventHeaders.ID, bytes(ceId))
                .add(CloudEventHeaders.TYPE, bytes(DisclosureOverdue.TYPE))
                .add(CloudEventHeaders.SOURCE, bytes("/reporting-service"))
                .add(CloudEventHeaders.SUBJECT, bytes(key))
                .add(
                        CloudEventHeaders.TIME,
                        bytes(OffsetDateTime.now(ZoneOffset.UTC).toString()))
                .add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        producer.send(record).get();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private void contact(String division, String role, String email) {
        db.sql("""
                        INSERT INTO liaison_contact (id, division_code, organisation, person_name, phone, email, role)
                        VALUES (:id, :division, '生态环境局', '测试', '13800000000', :email, :role)""")
                .bind("id", UUID.randomUUID())
                .bind("division", division)
                .bind("email", email)
                .bind("role", role)
                .then()
                .block();
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
