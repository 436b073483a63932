package org.permitwatch.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.permitwatch.inspection.InspectionFixtures.bearer;
import static org.permitwatch.inspection.InspectionFixtures.inspector;
import static org.permitwatch.inspection.InspectionItSupport.get;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.testsupport.RepeatedQueries;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * The N+1 check (platform-test-support's RepeatedQueries) sees this service's statements: its connection factory is
 * wrapped, and a request's statements are counted under that request. Without this, the check could pass every test
 * by seeing nothing.
 */
@InspectionIntegrationTest
class RepeatedQueriesIT {

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    ObservationRegistry observations;

    @BeforeEach
    void forgetEarlierWork() {
        RepeatedQueries.drain();
    }

    @Test
    void aPageOfManyRowsRunsEachOfItsSelectsOnce() {
        String division = "140100";
        for (int i = 0; i <= RepeatedQueries.LIMIT; i++) {
            inspector(db, division, true);
        }

        Map<String, Object> page = get(web, bearer("CITY", division), "/api/v1/inspectors?page=0&size=20", 200);

        assertThat((List<?>) page.get("items")).hasSizeGreaterThan(RepeatedQueries.LIMIT);
        assertThat(RepeatedQueries.counted())
                .hasEntrySatisfying(
                        "HTTP GET /api/v1/inspectors",
                        statements -> assertThat(statements)
                                .isNotEmpty()
                                .allSatisfy((sql, count) ->
                                        assertThat(count).as(sql).isOne()));
    }

    @Test
    void eachRequestIsAUnitOfItsOwn() {
        String division = "140100";
        java.util.UUID id = inspector(db, division, true);
        String city = bearer("CITY", division);

        for (int i = 0; i <= RepeatedQueries.LIMIT; i++) {
            get(web, city, "/api/v1/inspectors/" + id, 200);
        }

        assertThat(RepeatedQueries.counted())
                .hasEntrySatisfying(
                        "HTTP GET /api/v1/inspectors/" + id,
                        statements -> assertThat(statements)
                                .isNotEmpty()
                                .allSatisfy((sql, count) ->
                                        assertThat(count).as(sql).isEqualTo(RepeatedQueries.LIMIT + 1)));
        assertThat(RepeatedQueries.drain()).isEmpty();
    }

    @Test
    void aSelectRunOnceMoreThanTheLimitWithinOneObservationIsReported() {
        Observation unit = Observation.start("permitwatch.test.loop", observations);
        Flux.range(0, RepeatedQueries.LIMIT + 1)
                .concatMap(i -> db.sql("SELECT count(*) FROM inspector WHERE division_code <> $1")
                        .bind(0, "x" + i)
                        .fetch()
                        .one())
                .contextWrite(ctx -> ctx.put(ObservationThreadLocalAccessor.KEY, unit))
                .blockLast(Duration.ofSeconds(10));
        unit.stop();

        assertThat(RepeatedQueries.drain())
                .singleElement()
                .asString()
                .contains((RepeatedQueries.LIMIT + 1) + " x in permitwatch.test.loop")
                .contains("FROM inspector WHERE division_code <> $1");
    }
}
