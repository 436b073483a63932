package org.permitwatch.liaison.rectification;

import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.permitwatch.events.enforcement.CaseRef;
import org.permitwatch.events.enforcement.RectificationOverdue;
import org.permitwatch.liaison.notification.NotificationRequest;
import org.permitwatch.liaison.notification.Notifications;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.inbox.IdempotentConsumer;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.time.BureauClock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Tells the liaisons of the unit's city that a rectification is overdue. Exactly once per event on two levels: the
 * inbox marker (per {@code ce_id}) and the notification feature's event key (per rectification, since the
 * inspection service raises one overdue event per rectification), so even a re-published event with a new id mails
 * nobody twice.
 */
@Component
@EnableConfigurationProperties(OverdueNotificationProperties.class)
class OverdueNotices {

    static final String CONSUMER = "liaison.rectification-overdue";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final IdempotentConsumer inbox;
    private final Notifications notifications;
    private final AuditLog audit;
    private final OverdueNotificationProperties properties;

    private final BureauClock clock;

    OverdueNotices(
            IdempotentConsumer inbox,
            Notifications notifications,
            AuditLog audit,
            OverdueNotificationProperties properties,
            BureauClock clock) {
        this.clock = clock;
        this.inbox = inbox;
        this.notifications = notifications;
        this.audit = audit;
        this.properties = properties;
    }

    /** @return true when this event was handled now, false when it had been handled before */
    Mono<Boolean> apply(String eventId, RectificationOverdue event) {
        NotificationRequest request = request(event, properties);
        return inbox.handleOnce(
                CONSUMER,
                eventId,
                () -> notifications
                        .request(request)
                        .flatMap(requestId -> audit.recordAsSystem(
                                "rectification-overdue.notify",
                                "notification_request",
                                requestId.toString(),
                                Map.of(
                                        "caseNo",
                                        event.ref().caseNo(),
                                        "rectificationId",
                                        String.valueOf(event.rectificationId()),
                                        "cityCode",
                                        event.ref().cityCode(),
                                        "eventId",
                                        eventId))));
    }

    static String eventKey(RectificationOverdue event) {
        return "rectification-overdue:" + event.rectificationId();
    }

    NotificationRequest request(RectificationOverdue event, OverdueNotificationProperties properties) {
        CaseRef ref = event.ref();
        NotificationRequest.Recipients recipients = NotificationRequest.Recipients.division(
                DivisionCode.of(ref.cityCode()).prefix(), properties.roles());
        return new NotificationRequest(
                eventKey(event),
                properties.channels(),
                recipients,
                "整改逾期提醒：" + ref.unitName() + "（" + ref.caseNo() + "）",
                body(event),
                null);
    }

    String body(RectificationOverdue event) {
        CaseRef ref = event.ref();
        StringBuilder body = new StringBuilder()
                .append(ref.unitName())
                .append("（排污许可证编号 ")
                .append(ref.permitNumber())
                .append("）")
                .append("案件 ")
                .append(ref.caseNo())
                .append(" 责令改正的整改期限为")
                .append(event.deadline().format(DATE))
                .append("，期限届满仍未经复查确认完成整改");
        if (event.escalatedTo() != null) {
            body.append("，已升级督办至 ").append(event.escalatedTo());
        }
        body.append("。");
        if (event.detectedAt() != null) {
            body.append("发现时间：")
                    .append(clock.dayOf(event.detectedAt()).format(DATE))
                    .append("。");
        }
        return body.append("请督促该单位尽快完成整改并及时反馈。").toString();
    }
}
