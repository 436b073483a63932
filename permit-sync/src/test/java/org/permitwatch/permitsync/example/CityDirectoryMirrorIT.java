package org.permitwatch.permitsync.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.client.permitsync.ApiClient;
import org.permitwatch.client.permitsync.ApiException;
import org.permitwatch.client.permitsync.api.ObjectDirectoryApi;
import org.permitwatch.client.permitsync.model.DirectoryViewsChangesPage;
import org.permitwatch.client.permitsync.model.DirectoryViewsUnitDetail;
import org.permitwatch.client.permitsync.model.DirectoryViewsUnitSummary;
import org.permitwatch.client.permitsync.model.PageResponseDirectoryViewsUnitSummary;
import org.permitwatch.client.permitsync.model.Problem;
import org.permitwatch.mock.NationalPlatformMock;
import org.permitwatch.mock.dataset.PermitSummary;
import org.permitwatch.permitsync.NationalPlatformMocks;
import org.permitwatch.permitsync.PermitSyncTestSupport;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Value;

/**
 * The worked example of docs/api/README.md ("Integration guide for city systems"), run against the real service: a
 * city system mirrors its city's directory with the Java client that OpenAPI Generator makes from
 * docs/api/permit-sync.json (module api-clients), polling page by page and fetching details only where a unit's
 * {@code version} grew. The token is the one a client-credentials client of a city gets (role CITY, its division, the
 * scope directory:read), signed by the test key instead of the identity provider.
 */
class CityDirectoryMirrorIT extends PermitSyncTestSupport {

    private static final int SIZE = 400;
    private static final int PAGE_SIZE = 200;

    @Value("${local.server.port}")
    private int port;

    @Override
    protected NationalPlatformMock platform() {
        return NationalPlatformMocks.of(SIZE);
    }

    @BeforeEach
    void syncOnce() {
        Long units = db.sql("SELECT count(*) FROM directory_unit")
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
        if (units == null || units == 0) {
            syncToSuccess("FULL", 3);
        }
    }

    /** What the city system keeps between polls: permit number → the version it last saw. */
    private final Map<String, Long> mirror = new HashMap<>();

    @Test
    void aCitySystemMirrorsItsDirectoryWithTheGeneratedClient() throws Exception {
        String city = platform().dataset().summaries().get(0).cityCode();
        long inCity = platform().dataset().summaries().stream()
                .map(PermitSummary::cityCode)
                .filter(city::equals)
                .count();
        ObjectDirectoryApi directory = new ObjectDirectoryApi(client(cityToken(city)));

        // First poll: every unit is new, so every one would be fetched in detail (here: counted, one fetched).
        List<String> changed = poll(directory);
        assertThat(changed).hasSize((int) inCity);
        assertThat(mirror).hasSize((int) inCity);
        DirectoryViewsUnitDetail detail = directory.directoryGet(changed.get(0));
        assertThat(detail.getPermitNo()).isEqualTo(changed.get(0));
        assertThat(detail.getCityCode()).isEqualTo(city);
        assertThat(detail.getVersion()).isEqualTo(mirror.get(changed.get(0)));

        // Second poll with nothing changed in between: nothing to fetch.
        assertThat(poll(directory)).isEmpty();

        // Errors arrive as the generator's ApiException carrying the problem+json body.
        assertThatThrownBy(() -> directory.directoryGet("NO-SUCH-PERMIT"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    Problem problem = read(e.getResponseBody());
                    assertThat(problem.getCode()).isEqualTo("not-found");
                    assertThat(problem.getTraceId()).isNotBlank();
                });
    }

    @Test
    void aCitySystemFollowsTheChangeFeedInsteadOfWalkingEverything() throws Exception {
        // As if the first sync had run an hour ago: the feed holds back changes younger than its settle time (2 min).
        db.sql("UPDATE directory_unit SET changed_at = now() - interval '1 hour'")
                .then()
                .block();
        String city = platform().dataset().summaries().get(0).cityCode();
        long inCity = platform().dataset().summaries().stream()
                .map(PermitSummary::cityCode)
                .filter(city::equals)
                .count();
        ObjectDirectoryApi directory = new ObjectDirectoryApi(client(cityToken(city)));

        // From the beginning: every unit of the city once.
        List<String> first = new java.util.ArrayList<>();
        String cursor = follow(directory, null, first);
        assertThat(first).hasSize((int) inCity).doesNotHaveDuplicates();

        // Nothing changed since: the cursor stays where it was, nothing comes.
        List<String> none = new java.util.ArrayList<>();
        assertThat(follow(directory, cursor, none)).isEqualTo(cursor);
        assertThat(none).isEmpty();

        // One unit changed ten minutes ago (a later sync): only it comes, and the cursor moves past it.
        String unit = first.get(5);
        db.sql("UPDATE directory_unit SET changed_at = now() - interval '10 minutes' WHERE permit_no = :no")
                .bind("no", unit)
                .then()
                .block();
        List<String> again = new java.util.ArrayList<>();
        String moved = follow(directory, cursor, again);
        assertThat(again).containsExactly(unit);
        assertThat(moved).isNotEqualTo(cursor);
    }

    /** Follows the feed from {@code after} until it is caught up; returns where to continue next time. */
    private static String follow(ObjectDirectoryApi directory, String after, List<String> out) throws ApiException {
        String cursor = after;
        DirectoryViewsChangesPage page;
        do {
            page = directory.directoryChanges(cursor, 100);
            page.getItems().forEach(change -> out.add(change.getUnit().getPermitNo()));
            cursor = page.getNext();
        } while (Boolean.TRUE.equals(page.getHasMore()));
        return cursor;
    }

    /** One full walk of the paged list; returns the permit numbers that are new or whose version grew. */
    private List<String> poll(ObjectDirectoryApi directory) throws ApiException {
        List<String> changed = new java.util.ArrayList<>();
        int page = 0;
        PageResponseDirectoryViewsUnitSummary response;
        do {
            response = directory.directoryList(page, PAGE_SIZE, null, null, null, null, null, null, null, null, null);
            for (DirectoryViewsUnitSummary unit : response.getItems()) {
                Long seen = mirror.put(unit.getPermitNo(), unit.getVersion());
                if (seen == null || seen < unit.getVersion()) {
                    changed.add(unit.getPermitNo());
                }
            }
            page++;
        } while ((long) page * PAGE_SIZE < response.getTotal());
        return changed;
    }

    private ApiClient client(String token) {
        ApiClient api = new ApiClient();
        api.updateBaseUri("http://localhost:" + port);
        // Strict here, so the example also proves the real responses carry no field and no type the contract lacks
        // (a generated model fails on either); a city system keeps the generator's lenient default.
        api.setObjectMapper(ApiClient.createDefaultObjectMapper()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true));
        api.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return api;
    }

    private static String cityToken(String city) {
        return TestJwts.builder()
                .subject("city-system-" + city)
                .roles("CITY")
                .division(city)
                .scopes("directory:read")
                .build();
    }

    private static Problem read(String body) {
        try {
            return new ObjectMapper().readValue(body, Problem.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not a problem body: " + body, e);
        }
    }
}
