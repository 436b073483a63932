package org.permitwatch.liaison.disclosure;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.events.reporting.DisclosureOverdue;
import org.permitwatch.events.reporting.ReportingTopics;
import org.permitwatch.liaison.notification.NotificationRequest;
import org.permitwatch.liaison.notification.Notifications;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.inbox.EventReader;
import org.permitwatch.support.inbox.IdempotentConsumer;
import org.permitwatch.support.security.DivisionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Tells a city's liaisons that a draw's 一公开 results deadline is near (APPROACHING) or missed (OVERDUE), from
 * reporting-service's chaser. Same shape as the overdue-rectification notice: once per {@code ce_id} (inbox) and once
 * per draw and stage (the notification key {@code disclosure-overdue:<drawId>:<stage>}). Runs on a Kafka listener
 * thread, so blocking on the reactive transaction with a timeout is fine. The topic belongs to reporting-service.
 */
@Component
class DisclosureOverdueListener {

    static final String GROUP_ID = "liaison-service.disclosure-overdue";
    static final String CONSUMER = "liaison.disclosure-overdue";
    /** Both liaisons: the enforcement liaison publishes, the permit-issuing one shares the 双公示 duty. */
    static final Set<String> ROLES = Set.of("ENFORCEMENT", "PERMIT_ISSUING");

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final Logger log = LoggerFactory.getLogger(DisclosureOverdueListener.class);

    private final IdempotentConsumer inbox;
    private final Notifications notifications;
    private final AuditLog audit;
    private final EventReader events;

    DisclosureOverdueListener(
            IdempotentConsumer inbox, Notifications notifications, AuditLog audit, EventReader events) {
        this.inbox = inbox;
        this.notifications = notifications;
        this.audit = audit;
        this.events = events;
    }

    @KafkaListener(id = "disclosure-overdue", groupId = GROUP_ID, topics = ReportingTopics.DISCLOSURE)
    void onEvent(ConsumerRecord<String, String> record) {
        events.ifType(record, DisclosureOverdue.TYPE, DisclosureOverdue.class).ifPresent(this::notifyLiaisons);
    }

    private void notifyLiaisons(EventReader.Event<DisclosureOverdue> event) {
        DisclosureOverdue overdue = event.payload();
        if (overdue.drawId() == null
                || overdue.dueOn() == null
                || overdue.stage() == null
                || !DivisionCode.isValid(overdue.cityCode())) {
            throw new IllegalArgumentException("disclosure-overdue event " + event.id()
                    + " lacks the draw id, stage, due day or a 6-digit city code");
        }
        NotificationRequest request = request(overdue);
        Boolean handled = inbox.handleOnce(
                        CONSUMER,
                        event.id(),
                        () -> notifications
                                .request(request)
                                .flatMap(id -> audit.recordAsSystem(
                                        "disclosure-overdue.notify",
                                        "notification_request",
                                        id.toString(),
                                        Map.of(
                                                "drawId",
                                                overdue.drawId().toString(),
                                                "stage",
                                                overdue.stage(),
                                                "cityCode",
                                                overdue.cityCode(),
                                                "eventId",
                                                event.id()))))
                .block(APPLY_TIMEOUT);
        log.info(
                "disclosure {} of draw {}: {}",
                overdue.stage(),
                overdue.drawId(),
                Boolean.TRUE.equals(handled) ? "liaisons notified" : "already handled");
    }

    static NotificationRequest request(DisclosureOverdue e) {
        boolean late = "OVERDUE".equals(e.stage());
        String subject = (late ? "抽查结果公示逾期提醒：" : "抽查结果公示到期提醒：") + e.periodMonth() + " 双随机抽查";
        StringBuilder body = new StringBuilder()
                .append(e.periodMonth())
                .append(" 双随机抽查（抽取编号 ")
                .append(e.drawId())
                .append("）于")
                .append(e.checksEndedOn().format(DATE))
                .append("检查结束，抽查结果应于")
                .append(e.dueOn().format(DATE))
                .append("前（20个工作日内）向社会公示");
        if (late) {
            body.append("，至今尚未公示");
            if (e.workingDaysLate() != null) {
                body.append("，已逾期").append(e.workingDaysLate()).append("个工作日");
            }
        } else {
            body.append("，尚余").append(e.workingDaysLeft()).append("个工作日");
        }
        body.append("。已完成检查任务 ")
                .append(e.tasksInspected())
                .append("/")
                .append(e.tasks())
                .append("。请督促完成检查并及时公示抽查结果。");
        return new NotificationRequest(
                "disclosure-overdue:" + e.drawId() + ":" + e.stage(),
                Set.of(NotificationRequest.Channel.EMAIL, NotificationRequest.Channel.WEBHOOK),
                NotificationRequest.Recipients.division(
                        DivisionCode.of(e.cityCode()).prefix(), ROLES),
                subject,
                body.toString(),
                null);
    }
}
