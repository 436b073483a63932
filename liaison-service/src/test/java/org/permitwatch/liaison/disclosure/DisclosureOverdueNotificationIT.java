package org.permitwatch.liaison.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.permitwatch.liaison.LiaisonTestData.contact;

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
import org.permitwatch.events.reporting.DisclosureOverdue;
import org.permitwatch.events.reporting.ReportingTopics;
import org.permitwatch.liaison.LiaisonIntegrationTest;
import org.permitwatch.liaison.LiaisonTestData;
import org.permitwatch.liaison.LiaisonTestData.EventProducer;
import org.permitwatch.liaison.LiaisonTestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * reporting-service's DisclosureOverdue reaches the draw city's liaisons by mail (real SMTP, GreenMail) once per
 * draw and stage, even when delivered twice or re-raised under a new event id; another city's liaisons hear nothing.
 */
@LiaisonIntegrationTest
class DisclosureOverdueNotificationIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * 长治: a city without a work-chat robot (the shared context has one for 太原 only), so the notices are mails
     * only, as they are for every city without a robot URL.
     */
    private static final String CITY = "140400";

    @Autowired
    DatabaseClient db;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JsonMapper json;

    @BeforeEach
    void servers() {
        LiaisonTestServers.reset();
    }

    @Test
    void aLateDrawReachesTheCitysLiaisonsOncePerStage() throws Exception {
        contact(db, CITY, "ENFORCEMENT", "wang@cz.example.cn");
        contact(db, CITY, "PERMIT_ISSUING", "li@cz.example.cn");
        contact(db, "140200", "ENFORCEMENT", "zhao@dt.example.cn");
        UUID draw = UUID.randomUUID();
        // Checks ended 2026-09-25, due 2026-10-29 (20 working days, counted in reporting's tests), seen on 10-30.
        DisclosureOverdue late = new DisclosureOverdue(
                draw,
                "OVERDUE",
                CITY,
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
                CITY,
                "2026-10",
                LocalDate.of(2026, 10, 30),
                LocalDate.of(2026, 11, 27),
                0,
                3,
                1,
                0,
                OffsetDateTime.now());
        String eventId = UUID.randomUUID().toString();
        try (EventProducer producer = new EventProducer(broker, json, "/reporting-service")) {
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
        MimeMessage[] mails = LiaisonTestServers.mails(db);
        // two liaisons of 长治 × two events (late, marker); nobody in 大同
        assertThat(Arrays.stream(mails).map(LiaisonTestData::recipient).sorted().toList())
                .containsExactly("li@cz.example.cn", "li@cz.example.cn", "wang@cz.example.cn", "wang@cz.example.cn");
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

    /** Publishes a DisclosureOverdue keyed by its draw, as reporting-service's outbox relay does. */
    private static void send(EventProducer producer, String ceId, DisclosureOverdue payload) throws Exception {
        String key = payload.drawId().toString();
        producer.send(ReportingTopics.DISCLOSURE, ceId, DisclosureOverdue.TYPE, key, payload);
    }

    private long count(String sql) {
        return LiaisonTestData.count(db, sql);
    }
}
