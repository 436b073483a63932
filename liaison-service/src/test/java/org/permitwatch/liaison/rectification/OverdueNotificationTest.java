package org.permitwatch.liaison.rectification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
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
import org.permitwatch.events.enforcement.CaseClosed;
import org.permitwatch.events.enforcement.CaseRef;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.enforcement.RectificationOverdue;
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
 * A RectificationOverdue event on the real case topic reaches the liaisons of the unit's city by mail (real SMTP,
 * GreenMail) and by the city's work-chat robot (WireMock), exactly once even when the event is delivered twice;
 * other case events are ignored.
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
        topics = EnforcementTopics.CASES,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class OverdueNotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SMTP_PORT = freePort();
    private static final WireMockServer ROBOTS = new WireMockServer(options().dynamicPort());
    private static final GreenMail SMTP =
            new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private static final String ROBOT_PATH = "/robot/taiyuan?key=k";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "liaison");
        TestJwts.register(registry);
        ROBOTS.start();
        ROBOTS.stubFor(post(urlEqualTo(ROBOT_PATH)).willReturn(aResponse().withStatus(200)));
        SMTP.start();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add(
                "permitwatch.liaison.notification.webhook.urls.140100",
                () -> "http://localhost:" + ROBOTS.port() + ROBOT_PATH);
    }

    @AfterAll
    static void stopServers() {
        ROBOTS.stop();
        SMTP.stop();
    }

    @Autowired
    DatabaseClient db;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    @Test
    void anOverdueRectificationNotifiesTheCitysLiaisonsOnceEvenWhenDeliveredTwice() throws Exception {
        contact("140100", "ENFORCEMENT", "wang@ty.example.cn");
        contact("140100", "PERMIT_ISSUING", "li@ty.example.cn");
        contact("140200", "ENFORCEMENT", "zhao@dt.example.cn");

        UUID caseId = UUID.randomUUID();
        UUID rectificationId = UUID.randomUUID();
        CaseRef taiyuanCase = new CaseRef(
                caseId,
                "并环罚〔2027〕0007号",
                4,
                "91140100MA0TEST01X001P",
                "太原测试焦化有限公司",
                "140000",
                "140100",
                "140105",
                "COKING",
                "EXCEEDING_LIMITS",
                "34(1)");
        RectificationOverdue overdue = new RectificationOverdue(
                taiyuanCase,
                rectificationId,
                LocalDate.of(2027, 7, 15),
                "140100",
                OffsetDateTime.of(2027, 7, 16, 1, 0, 0, 0, ZoneOffset.UTC));
        String eventId = UUID.randomUUID().toString();

        CaseRef datongCase = new CaseRef(
                UUID.randomUUID(),
                "同环罚〔2027〕0002号",
                2,
                "91140200MA0TEST02X001P",
                "大同测试水泥有限公司",
                "140000",
                "140200",
                "140202",
                "CEMENT",
                "FUGITIVE_EMISSIONS",
                "35");
        UUID datongRectification = UUID.randomUUID();

        try (KafkaProducer<String, String> producer = producer()) {
            // another case event type: not liaison business
            send(
                    producer,
                    UUID.randomUUID().toString(),
                    CaseClosed.TYPE,
                    caseId.toString(),
                    new CaseClosed(taiyuanCase, java.math.BigDecimal.ZERO, false, "u", OffsetDateTime.now()));
            // the overdue event, delivered twice with the same ce_id (an at-least-once redelivery)
            send(producer, eventId, RectificationOverdue.TYPE, caseId.toString(), overdue);
            send(producer, eventId, RectificationOverdue.TYPE, caseId.toString(), overdue);
            // a second overdue event for the same rectification under another ce_id: the notification key stops it
            send(producer, UUID.randomUUID().toString(), RectificationOverdue.TYPE, caseId.toString(), overdue);
            // the last record, in the same single partition: once it is handled, so are all before it
            send(
                    producer,
                    UUID.randomUUID().toString(),
                    RectificationOverdue.TYPE,
                    datongCase.caseId().toString(),
                    new RectificationOverdue(
                            datongCase, datongRectification, LocalDate.of(2027, 8, 1), "140200", OffsetDateTime.now()));
        }

        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM notification WHERE event_key = " + "'rectification-overdue:"
                                + datongRectification + "'")
                        == 1);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM notification WHERE status <> 'SENT'") == 0);

        // Taiyuan: one mail per liaison, one robot message; Datong: one mail, no robot configured
        MimeMessage[] mails = SMTP.getReceivedMessages();
        List<String> recipients =
                Arrays.stream(mails).map(m -> address(m)).sorted().toList();
        assertThat(recipients).containsExactly("li@ty.example.cn", "wang@ty.example.cn", "zhao@dt.example.cn");
        MimeMessage toWang = Arrays.stream(mails)
                .filter(m -> address(m).equals("wang@ty.example.cn"))
                .findFirst()
                .orElseThrow();
        assertThat(toWang.getSubject()).isEqualTo("整改逾期提醒：太原测试焦化有限公司（并环罚〔2027〕0007号）");
        String body = GreenMailUtil.getBody(toWang);
        String decoded = decode(toWang, body);
        assertThat(decoded).contains("太原测试焦化有限公司", "并环罚〔2027〕0007号", "2027年7月15日", "91140100MA0TEST01X001P");

        List<LoggedRequest> robot = ROBOTS.findAll(postRequestedFor(urlEqualTo(ROBOT_PATH)));
        assertThat(robot).hasSize(1);
        assertThat(robot.get(0).getBodyAsString()).contains("并环罚〔2027〕0007号").contains("2027年7月15日");

        assertThat(count("SELECT count(*) FROM notification_request WHERE event_key = 'rectification-overdue:"
                        + rectificationId + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM notification WHERE event_key = 'rectification-overdue:" + rectificationId
                        + "'"))
                .isEqualTo(3);
        // three distinct overdue ce_ids were processed (the duplicate delivery was skipped by the inbox); the closed
        // case was not even marked
        assertThat(count("SELECT count(*) FROM processed_event WHERE consumer = 'liaison.rectification-overdue'"))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = '" + eventId + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'rectification-overdue.notify'"))
                .isEqualTo(3);
    }

    private static String address(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mail bodies with non-ASCII text travel quoted-printable or base64; read them back as text. */
    private static String decode(MimeMessage message, String raw) throws Exception {
        Object content = message.getContent();
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                Object part = multipart.getBodyPart(i).getContent();
                all.append(part instanceof String s ? s : "");
                if (part instanceof jakarta.mail.Multipart nested) {
                    for (int j = 0; j < nested.getCount(); j++) {
                        Object p = nested.getBodyPart(j).getContent();
                        all.append(p instanceof String s ? s : "");
                    }
                }
            }
            return all.toString();
        }
        return raw;
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new StringSerializer());
    }

    private void send(KafkaProducer<String, String> producer, String ceId, String type, String key, Object payload)
            throws Exception {
        ProducerRecord<String, String> record =
                new ProducerRecord<>(EnforcementTopics.CASES, key, json.writeValueAsString(payload));
        record.headers()
                .add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE))
                .add(CloudEventHeaders.ID, bytes(ceId))
                .add(CloudEventHeaders.TYPE, bytes(type))
                .add(CloudEventHeaders.SOURCE, bytes("/inspection-service"))
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
