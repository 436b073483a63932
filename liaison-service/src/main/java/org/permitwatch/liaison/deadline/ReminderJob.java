package org.permitwatch.liaison.deadline;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.permitwatch.liaison.notification.NotificationRequest;
import org.permitwatch.liaison.notification.Notifications;
import org.permitwatch.support.jobs.JobRunner;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.time.BureauClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reminds the liaisons of every city that has submitted nothing for an instance, on each configured offset from the
 * due date (-3: three days before; 1: the day after). A reminder is requested with the event key
 * {@code reminder:<instanceId>:<city>:<offset>}, so re-runs (or two replicas) never send it twice; a missed day is
 * caught up within {@code catchUpDays}. Sending is the notification feature's job.
 */
@Component
public class ReminderJob {

    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

    private final DeadlineStore deadlines;
    private final Notifications notifications;
    private final DeadlineProperties properties;
    private final BureauClock clock;

    private final JobRunner jobs;

    ReminderJob(
            DeadlineStore deadlines,
            Notifications notifications,
            DeadlineProperties properties,
            BureauClock clock,
            JobRunner jobs) {
        this.jobs = jobs;
        this.deadlines = deadlines;
        this.notifications = notifications;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            cron = "${permitwatch.liaison.deadline.reminder-cron:0 0 9 * * *}",
            zone = "${permitwatch.zone:Asia/Shanghai}")
    void scheduled() {
        if (properties.reminderEnabled()) {
            // Scheduler thread, not an event loop: blocking until the rows are written keeps runs from overlapping.
            jobs.run("deadline-reminders", run(clock.clock()).count())
                    .ifPresent(requested -> log.info("deadline reminders: {} requested", requested));
        }
    }

    /** One pass at the clock's time; emits the event keys requested (repeats included: they are no-ops downstream). */
    public Flux<String> run(Clock at) {
        Instant now = at.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.zone());
        return Flux.fromIterable(properties.reminderOffsets())
                .concatMap(offset -> deadlines
                        .dueBetween(today.minusDays(offset + properties.catchUpDays()), today.minusDays(offset))
                        .concatMap(instance -> deadlines
                                .status(instance, "%", now)
                                .filter(city -> city.versions() == 0)
                                .concatMap(city -> remind(instance, city, offset))));
    }

    private Mono<String> remind(DeadlineStore.InstanceRow instance, DeadlineViews.CityStatus city, int offset) {
        String eventKey = "reminder:" + instance.id() + ":" + city.cityCode() + ":" + offset;
        String when = offset < 0 ? "将于" + instance.dueDate() + "到期" : "已于" + instance.dueDate() + "到期";
        String period = Recurrence.ONCE_PERIOD.equals(instance.period()) ? "" : "（" + instance.period() + "）";
        NotificationRequest request = NotificationRequest.email(
                eventKey,
                NotificationRequest.Recipients.division(
                        DivisionCode.of(city.cityCode()).prefix(), Set.of("ENFORCEMENT", "PERMIT_ISSUING")),
                "报送提醒：" + instance.title() + period,
                city.cityName() + "：" + instance.title() + period + when + "，系统中尚无贵市的报送材料，请及时报送。");
        return notifications.request(request).thenReturn(eventKey);
    }
}
