package org.permitwatch.support.workday;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link WorkdayCalendar} of every service (statutory deadlines in working days are not a reporting concern only:
 * rectification, hearing and liaison deadlines count them too). Exposes the last loaded year as
 * {@code permitwatch.workday.calendar.last.year}, so an alert can ask for next year's file before 1 January.
 */
@AutoConfiguration
public class WorkdayAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WorkdayCalendar workdayCalendar(ObjectProvider<JsonMapper> json, ObjectProvider<MeterRegistry> meters) {
        WorkdayCalendar calendar = WorkdayCalendar.fromClasspath(
                json.getIfAvailable(() -> JsonMapper.builder().build()));
        meters.ifAvailable(registry -> Gauge.builder(
                        "permitwatch.workday.calendar.last.year",
                        calendar,
                        c -> c.years().last())
                .description("Last year whose State Council holiday arrangement is loaded")
                .register(registry));
        return calendar;
    }
}
