package org.permitwatch.liaison.rectification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.permitwatch.liaison.LiaisonTestData.contact;
import static org.permitwatch.liaison.LiaisonTestData.recipient;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.enforcement.CaseClosed;
import org.permitwatch.events.enforcement.CaseRef;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.enforcement.RectificationOverdue;
import org.permitwatch.liaison.LiaisonIntegrationTest;
import org.permitwatch.liaison.LiaisonTestData;
import org.permitwatch.liaison.LiaisonTestData.EventProducer;
import org.permitwatch.liaison.LiaisonTestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A RectificationOverdue event on the real case topic reaches the liaisons of the unit's city by mail (real SMTP,
 * GreenMail) and by the city's work-chat robot (WireMock), exactly once even when the event is delivered twice;
 * other case events are ignored.
 */
@LiaisonIntegrationTest
class OverdueNotificationIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** 太原's robot (LiaisonTestServers) answers every message. */
    @BeforeEach
    void servers() {
        LiaisonTestServers.reset();
        LiaisonTestServers.robots()
                .stubFor(post(urlEqualTo(LiaisonTestServers.ROBOT_PATH))
                        .willReturn(aResponse().withStatus(200)));
    }

    @Autowired
    DatabaseClient db;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    @Test
    void anOverdueRectificationNotifiesTheCitysLiaisonsOnceEvenWhenDeliveredTwice() throws Exception {
        contact(db, "140100", "ENFORCEMENT", "wang@ty.example.cn");
        contact(db, "140100", "PERMIT_ISSUING", "li@ty.example.cn");
        contact(db, "140200", "ENFORCEMENT", "zhao@dt.example.cn");

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

        try (EventProducer producer = new EventProducer(broker, json, "/inspection-service")) {
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
        MimeMessage[] mails = LiaisonTestServers.mails(db);
        List<String> recipients =
                Arrays.stream(mails).map(LiaisonTestData::recipient).sorted().toList();
        assertThat(recipients).containsExactly("li@ty.example.cn", "wang@ty.example.cn", "zhao@dt.example.cn");
        MimeMessage toWang = Arrays.stream(mails)
                .filter(m -> recipient(m).equals("wang@ty.example.cn"))
                .findFirst()
                .orElseThrow();
        assertThat(toWang.getSubject()).isEqualTo("整改逾期提醒：太原测试焦化有限公司（并环罚〔2027〕0007号）");
        String body = GreenMailUtil.getBody(toWang);
        String decoded = decode(toWang, body);
        assertThat(decoded).contains("太原测试焦化有限公司", "并环罚〔2027〕0007号", "2027年7月15日", "91140100MA0TEST01X001P");

        List<LoggedRequest> robot = LiaisonTestServers.robotCalls(db);
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

    /** Publishes a case event as inspection-service's outbox relay does. */
    private static void send(EventProducer producer, String ceId, String type, String key, Object payload)
            throws Exception {
        producer.send(EnforcementTopics.CASES, ceId, type, key, payload);
    }

    private long count(String sql) {
        return LiaisonTestData.count(db, sql);
    }
}
