package org.permitwatch.support.workday;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.time.BureauClockAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link WorkdayCalendar} of every service (statutory deadlines in working days are not a reporting concern only:
 * rectification, hearing and liaison deadlines count them too), loaded by {@link WorkdayFiles} from the classpath and
 * {@code permitwatch.workdays.location}, re-read every {@code permitwatch.workdays.refresh} (default 5 minutes).
 *
 * <p>Metrics, so operations hears of a missing year before it bites (ADR 0044): {@code
 * permitwatch.workday.calendar.last.year} (last loaded year), {@code permitwatch.workday.calendar.next.year.loaded}
 * (1 when the year after the bureau's today is loaded), {@code permitwatch.workday.calendar.rejected.files}. All read
 * memory, so a scrape costs nothing and needs no cached gauge.
 */
@AutoConfiguration(after = BureauClockAutoConfiguration.class)
public class WorkdayAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WorkdayAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    WorkdayFiles workdayFiles(ObjectProvider<JsonMapper> json, Environment environment) {
        return new WorkdayFiles(
                json.getIfAvailable(() -> JsonMapper.builder().build()),
                environment.getProperty("permitwatch.workdays.location", ""));
    }

    @Bean
    @ConditionalOnMissingBean
    WorkdayCalendar workdayCalendar(
            WorkdayFiles files, ObjectProvider<MeterRegistry> meters, ObjectProvider<BureauClock> clock) {
        WorkdayCalendar calendar = files.calendar();
        BureauClock bureau = clock.getIfAvailable();
        meters.ifAvailable(registry -> {
            Gauge.builder(
                            "permitwatch.workday.calendar.last.year",
                            calendar,
                            c -> c.years().last())
                    .description("Last year whose State Council holiday arrangement is loaded")
                    .register(registry);
            if (bureau != null) {
                Gauge.builder(
                                "permitwatch.workday.calendar.next.year.loaded",
                                calendar,
                                c -> c.years().contains(bureau.today().getYear() + 1) ? 1 : 0)
                        .description("1 when next year's holiday arrangement is loaded (deadlines reaching it are"
                                + " final), 0 when they are counted provisionally")
                        .register(registry);
            }
            Gauge.builder("permitwatch.workday.calendar.rejected.files", files, WorkdayFiles::rejectedFiles)
                    .description("Working-day calendar files refused at the last reload (see the ERROR log)")
                    .register(registry);
        });
        if (bureau != null) {
            warnWhenMissing(calendar, bureau.today());
        }
        return calendar;
    }

    /** Re-reads the external files on a daemon thread of its own (file reads must not run on reactive threads). */
    @Bean
    @ConditionalOnMissingBean
    WorkdayReloader workdayReloader(WorkdayFiles files, Environment environment) {
        return new WorkdayReloader(
                files, environment.getProperty("permitwatch.workdays.refresh", Duration.class, Duration.ofMinutes(5)));
    }

    /**
     * The start-up warning: a missing current year makes every deadline provisional; a missing next year in
     * November/December (when the State Council publishes it) is the operators' cue to add its file.
     */
    static void warnWhenMissing(WorkdayCalendar calendar, LocalDate today) {
        int year = today.getYear();
        if (!calendar.years().contains(year)) {
            log.warn(
                    "working-day calendar: the arrangement of the current year {} is NOT loaded (loaded: {}); deadlines"
                            + " are counted provisionally and procedural windows stay open — add cn-{}.json"
                            + " (docs/operations/workday-calendar.md)",
                    year,
                    calendar.years(),
                    year);
        } else if (!calendar.years().contains(year + 1)) {
            log.warn(
                    "working-day calendar: next year's arrangement ({}) is not loaded (loaded: {}); deadlines reaching {}"
                            + " are provisional until cn-{}.json is added once the State Council publishes it"
                            + " (docs/operations/workday-calendar.md)",
                    year + 1,
                    calendar.years(),
                    year + 1,
                    year + 1);
        }
    }

    /** Calls {@link WorkdayFiles#reload()} every {@code period} while the context runs. */
    static final class WorkdayReloader implements SmartLifecycle {

        private final WorkdayFiles files;
        private final Duration period;
        private ScheduledExecutorService executor;

        WorkdayReloader(WorkdayFiles files, Duration period) {
            this.files = files;
            this.period = period;
        }

        @Override
        public synchronized void start() {
            if (executor == null) {
                executor = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "permitwatch-workdays");
                    t.setDaemon(true);
                    return t;
                });
                long ms = Math.max(1000, period.toMillis());
                executor.scheduleWithFixedDelay(this::reload, ms, ms, TimeUnit.MILLISECONDS);
            }
        }

        private void reload() {
            try {
                files.reload();
            } catch (RuntimeException e) {
                // Never let a failure cancel the schedule: the next period tries again.
                log.error("working-day calendar: reload failed; keeping the years loaded", e);
            }
        }

        @Override
        public synchronized void stop() {
            if (executor != null) {
                executor.shutdownNow();
                executor = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return executor != null;
        }
    }
}
