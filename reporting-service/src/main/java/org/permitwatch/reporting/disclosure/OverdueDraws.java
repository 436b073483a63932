package org.permitwatch.reporting.disclosure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.permitwatch.reporting.catalog.DivisionNames;
import org.permitwatch.reporting.catalog.ReportReaders;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.workday.WorkdayCalendar;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The chaser's list for bureau staff: draws raised by {@link OverdueDrawChaser} whose results are still unpublished,
 * the most urgent stage per draw, inside the caller's division. A city (or the province) sees its cities' draws; a
 * county sees the draws that gave it tasks, with its own tasks counted — not other counties' draws.
 */
@RestController
@Tag(name = "Disclosure deadlines", description = "一公开: draws whose results are late or nearly late")
class OverdueDraws {

    private static final String SCOPED = """
            FROM (SELECT DISTINCT ON (c.draw_id) c.draw_id, c.stage, c.checks_ended_on, c.due_on, c.flagged_on
                  FROM disclosure_chase c
                  ORDER BY c.draw_id, (c.stage = 'OVERDUE') DESC) c
            JOIN rm_draw d ON d.draw_id = c.draw_id
            WHERE d.published_at IS NULL
              AND (CAST(:stage AS text) IS NULL OR c.stage = :stage)
              AND (d.city_code LIKE :scope
                   OR EXISTS (SELECT 1 FROM rm_task t WHERE t.draw_id = d.draw_id AND t.county_code LIKE :scope))
            """;

    private final DatabaseClient db;
    private final DivisionNames names;
    private final InspectingAuthority authority;
    private final WorkdayCalendar calendar;
    private final BureauClock clock;

    OverdueDraws(
            DatabaseClient db,
            DivisionNames names,
            InspectingAuthority authority,
            WorkdayCalendar calendar,
            BureauClock clock) {
        this.db = db;
        this.names = names;
        this.authority = authority;
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * @param stage           OVERDUE or APPROACHING
     * @param workingDaysLate working days after dueOn as of today (0 before); null when a year in between has no
     *                        loaded holiday arrangement
     * @param tasks           the draw's tasks inside the caller's division
     * @param tasksInspected  of those, tasks with a submitted record
     */
    record OverdueDraw(
            UUID drawId,
            String cityCode,
            String cityName,
            String authority,
            String periodMonth,
            String stage,
            LocalDate checksEndedOn,
            LocalDate dueOn,
            Integer workingDaysLate,
            LocalDate flaggedOn,
            int tasks,
            int tasksInspected) {}

    @GetMapping("/api/v1/reports/disclosure/overdue")
    @Operation(
            summary = "Draws whose results are overdue or nearly due (一公开 chaser)",
            description = "Completed, unpublished draws the daily chaser raised: OVERDUE once the 20 working days "
                    + "after the end of their checks have passed, APPROACHING within the warning window (3 working "
                    + "days). Bureau roles only, inside the caller's division (a county sees the draws that gave it "
                    + "tasks). Most late first; paged. A draw leaves the list when its results are published.")
    Mono<PageResponse<OverdueDraw>> overdue(
            @Parameter(description = "OVERDUE or APPROACHING; both when absent") @RequestParam(required = false)
                    String stage,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return ReportReaders.current().flatMap(caller -> {
            String s = stage(stage);
            Paging paging = Paging.of(page, size);
            return list(caller.division(), s, paging);
        });
    }

    Mono<PageResponse<OverdueDraw>> list(DivisionCode division, String stage, Paging paging) {
        LocalDate today = clock.today();
        Object stageValue = stage == null ? io.r2dbc.spi.Parameters.in(String.class) : stage;
        Mono<Long> total = db.sql("SELECT count(*) AS n " + SCOPED)
                .bind("stage", stageValue)
                .bind("scope", division.likePattern())
                .map(r -> r.get("n", Long.class))
                .one();
        Mono<List<OverdueDraw>> items = db.sql(
                        """
                        SELECT c.draw_id, d.city_code, d.period_month, c.stage, c.checks_ended_on, c.due_on,
                               c.flagged_on,
                               (SELECT count(*) FROM rm_task t WHERE t.draw_id = d.draw_id
                                   AND t.county_code LIKE :scope) AS tasks,
                               (SELECT count(*) FROM rm_task t WHERE t.draw_id = d.draw_id AND t.county_code LIKE :scope
                                   AND EXISTS (SELECT 1 FROM rm_inspection i WHERE i.task_id = t.task_id)) AS inspected
                        """ + SCOPED + " ORDER BY c.due_on, c.draw_id LIMIT :limit OFFSET :offset")
                .bind("stage", stageValue)
                .bind("scope", division.likePattern())
                .bind("limit", paging.size())
                .bind("offset", paging.offset())
                .map(r -> {
                    String city = r.get("city_code", String.class);
                    LocalDate due = r.get("due_on", LocalDate.class);
                    return new OverdueDraw(
                            r.get("draw_id", UUID.class),
                            city,
                            names.nameOf(city),
                            authority.of(city),
                            r.get("period_month", String.class),
                            r.get("stage", String.class),
                            r.get("checks_ended_on", LocalDate.class),
                            due,
                            lateBy(due, today),
                            r.get("flagged_on", LocalDate.class),
                            r.get("tasks", Long.class).intValue(),
                            r.get("inspected", Long.class).intValue());
                })
                .all()
                .collectList();
        return Mono.zip(items, total).map(t -> paging.page(t.getT1(), t.getT2()));
    }

    private Integer lateBy(LocalDate due, LocalDate today) {
        try {
            return calendar.workingDaysBetween(due, today);
        } catch (WorkdayCalendar.YearNotLoadedException e) {
            return null;
        }
    }

    private static String stage(String stage) {
        if (stage == null || stage.isBlank()) {
            return null;
        }
        if (!OverdueDrawChaser.OVERDUE.equals(stage) && !OverdueDrawChaser.APPROACHING.equals(stage)) {
            throw ApiException.invalidField("stage", "must be OVERDUE or APPROACHING", stage);
        }
        return stage;
    }
}
