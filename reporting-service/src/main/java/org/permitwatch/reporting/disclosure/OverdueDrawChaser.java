package org.permitwatch.reporting.disclosure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.permitwatch.events.reporting.DisclosureOverdue;
import org.permitwatch.events.reporting.ReportingTopics;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.jobs.JobRunner;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.permitwatch.support.workday.WorkdayCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Chases draws whose results are not published (一公开): once a day it takes every completed, unpublished draw,
 * computes its results deadline ({@link DisclosureDeadlines#results}) and raises each draw once per stage —
 * APPROACHING when at most {@code warn-working-days} working days are left, OVERDUE the working day after the due
 * day. Raising = a {@code disclosure_chase} row, a {@link DisclosureOverdue} event (outbox; liaison-service mails the
 * city's liaisons) and an audit row, in one transaction; the row's primary key (draw, stage) makes re-runs and a
 * second replica no-ops. The overdue list ({@code /api/v1/reports/disclosure/overdue}) reads the rows.
 * A draw whose deadline falls in a year without a holiday arrangement is counted in
 * {@code permitwatch.disclosure.draws.calendar.missing} and logged as an error: nobody is chased on a guessed date.
 */
@Component
class OverdueDrawChaser {

    static final String APPROACHING = "APPROACHING";
    static final String OVERDUE = "OVERDUE";
    private static final Logger log = LoggerFactory.getLogger(OverdueDrawChaser.class);

    private final DatabaseClient db;
    private final DisclosureDeadlines deadlines;
    private final OutboxWriter outbox;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final BureauClock clock;
    private final int warnWorkingDays;
    private final boolean enabled;
    private final AtomicInteger overdue = new AtomicInteger();
    private final AtomicInteger approaching = new AtomicInteger();
    private final AtomicInteger calendarMissing = new AtomicInteger();
    private final MeterRegistry meters;

    private final JobRunner jobs;

    OverdueDrawChaser(
            DatabaseClient db,
            DisclosureDeadlines deadlines,
            OutboxWriter outbox,
            AuditLog audit,
            ReactiveTransactionManager transactions,
            BureauClock clock,
            ObjectProvider<MeterRegistry> meters,
            @Value("${permitwatch.reporting.disclosure.warn-working-days:3}") int warnWorkingDays,
            @Value("${permitwatch.reporting.disclosure.chase-enabled:true}") boolean enabled,
            JobRunner jobs) {
        this.jobs = jobs;
        this.db = db;
        this.deadlines = deadlines;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = WholeTransactions.create(transactions);
        this.clock = clock;
        this.warnWorkingDays = warnWorkingDays;
        this.enabled = enabled;
        this.meters = meters.getIfAvailable();
        if (this.meters != null) {
            Gauge.builder("permitwatch.disclosure.draws.overdue", overdue, AtomicInteger::get)
                    .description("Completed draws past their 20-working-day results deadline, not published (last run)")
                    .register(this.meters);
            Gauge.builder("permitwatch.disclosure.draws.approaching", approaching, AtomicInteger::get)
                    .description("Unpublished draws within the warning window of their results deadline (last run)")
                    .register(this.meters);
            Gauge.builder("permitwatch.disclosure.draws.calendar.missing", calendarMissing, AtomicInteger::get)
                    .description(
                            "Unpublished draws whose deadline falls in a year without a loaded holiday arrangement")
                    .register(this.meters);
        }
    }

    @Scheduled(
            cron = "${permitwatch.reporting.disclosure.chase-cron:0 30 8 * * *}",
            zone = "${permitwatch.zone:Asia/Shanghai}")
    void scheduled() {
        if (enabled) {
            // Scheduler thread, not an event loop: blocking keeps two runs from overlapping.
            jobs.run("disclosure-chase", run(clock.clock()))
                    .ifPresent(outcome -> log.info("disclosure chase: {}", outcome));
        }
    }

    /** What one pass found; {@code raised} counts only stages raised for the first time. */
    record Outcome(int overdue, int approaching, int calendarMissing, int raised) {}

    private record Candidate(
            UUID drawId, String cityCode, String periodMonth, LocalDate checksEndedOn, int tasks, int inspected) {}

    /** One pass at the day {@code at} shows on the bureau's calendar. */
    Mono<Outcome> run(Clock at) {
        LocalDate today = LocalDate.ofInstant(at.instant(), clock.zone());
        OffsetDateTime now = OffsetDateTime.ofInstant(at.instant(), clock.zone());
        int[] counts = new int[4];
        return candidates()
                .concatMap(c -> {
                    DisclosureDeadlines.Due due = deadlines.results(c.checksEndedOn());
                    if (due.dueOn() == null) {
                        counts[2]++;
                        log.error(
                                "draw {} of {} ({}): no results deadline, {}; add the year's holiday arrangement",
                                c.drawId(),
                                c.cityCode(),
                                c.periodMonth(),
                                due.note());
                        return Mono.empty();
                    }
                    if (today.isAfter(due.dueOn())) {
                        counts[0]++;
                        return raise(c, OVERDUE, due.dueOn(), lateBy(due.dueOn(), today), 0, today, now);
                    }
                    int left = deadlines.calendar().workingDaysBetween(today, due.dueOn());
                    if (left <= warnWorkingDays) {
                        counts[1]++;
                        return raise(c, APPROACHING, due.dueOn(), 0, left, today, now);
                    }
                    return Mono.empty();
                })
                .filter(Boolean::booleanValue)
                .count()
                .map(raised -> {
                    overdue.set(counts[0]);
                    approaching.set(counts[1]);
                    calendarMissing.set(counts[2]);
                    return new Outcome(counts[0], counts[1], counts[2], raised.intValue());
                });
    }

    private Integer lateBy(LocalDate due, LocalDate today) {
        try {
            return deadlines.calendar().workingDaysBetween(due, today);
        } catch (WorkdayCalendar.YearNotLoadedException e) {
            return null; // still overdue (today is after the due day); only the count of days is unknown
        }
    }

    private Flux<Candidate> candidates() {
        return db.sql("SELECT d.draw_id, d.city_code, d.period_month, " + DisclosureQuery.CHECKS_ENDED + """
                         AS checks_ended_on,
                        (SELECT count(*) FROM rm_task t WHERE t.draw_id = d.draw_id) AS tasks,
                        (SELECT count(*) FROM rm_task t WHERE t.draw_id = d.draw_id
                            AND EXISTS (SELECT 1 FROM rm_inspection i WHERE i.task_id = t.task_id)) AS inspected
                        FROM rm_draw d
                        WHERE d.completed_at IS NOT NULL AND d.published_at IS NULL
                        ORDER BY d.draw_id""")
                .map(r -> new Candidate(
                        r.get("draw_id", UUID.class),
                        r.get("city_code", String.class),
                        r.get("period_month", String.class),
                        r.get("checks_ended_on", LocalDate.class),
                        r.get("tasks", Long.class).intValue(),
                        r.get("inspected", Long.class).intValue()))
                .all();
    }

    /** @return true when the stage was raised now, false when it had been raised before */
    private Mono<Boolean> raise(
            Candidate c, String stage, LocalDate due, Integer late, int left, LocalDate today, OffsetDateTime now) {
        DisclosureOverdue event = new DisclosureOverdue(
                c.drawId(),
                stage,
                c.cityCode(),
                c.periodMonth(),
                c.checksEndedOn(),
                due,
                late,
                left,
                c.tasks(),
                c.inspected(),
                now);
        Mono<Boolean> work = db.sql("""
                        INSERT INTO disclosure_chase (draw_id, stage, city_code, period_month, checks_ended_on, due_on,
                                                      flagged_on, flagged_at)
                        VALUES (:draw, :stage, :city, :period, :ended, :due, :today, :now)
                        ON CONFLICT (draw_id, stage) DO NOTHING""")
                .bind("draw", c.drawId())
                .bind("stage", stage)
                .bind("city", c.cityCode())
                .bind("period", c.periodMonth())
                .bind("ended", c.checksEndedOn())
                .bind("due", due)
                .bind("today", today)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .flatMap(rows -> rows == 0
                        ? Mono.just(false)
                        : outbox.append(OutboxMessage.of(
                                        ReportingTopics.DISCLOSURE,
                                        c.drawId().toString(),
                                        DisclosureOverdue.TYPE,
                                        event))
                                .then(audit.recordAsSystem(
                                        "disclosure.chase",
                                        "draw",
                                        c.drawId().toString(),
                                        Map.of(
                                                "stage",
                                                stage,
                                                "cityCode",
                                                c.cityCode(),
                                                "dueOn",
                                                due.toString(),
                                                "checksEndedOn",
                                                c.checksEndedOn().toString())))
                                .thenReturn(true));
        return tx.transactional(work).doOnNext(raised -> {
            if (raised && meters != null) {
                Counter.builder("permitwatch.disclosure.chases")
                        .tag("stage", stage)
                        .description("Draw deadline stages raised (once per draw and stage)")
                        .register(meters)
                        .increment();
            }
        });
    }
}
