package org.permitwatch.inspection.remote;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/remote-checks")
@Tag(
        name = "Remote checks",
        description = "Non-site supervision (非现场监管) on permit data: runs of the remote rules "
                + "over the directory, and verified closures (关停) that stop them alerting on a unit")
class RemoteCheckController {

    private final RemoteCheckEngine engine;
    private final RunHistory runs;
    private final Closures closures;

    private final BureauClock clock;

    RemoteCheckController(RemoteCheckEngine engine, RunHistory runs, Closures closures, BureauClock clock) {
        this.clock = clock;
        this.engine = engine;
        this.runs = runs;
        this.closures = closures;
    }

    /** A verified closure: the unit has stopped production and discharging, verified by the bureau. */
    record ClosureRequest(
            @NotBlank @Size(max = 64) String permitNumber,
            @NotNull LocalDate closedOn,
            @NotBlank @Size(max = 2000) String basis) {}

    @PostMapping("/runs")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Run the remote checks now",
            description = "PROVINCE runs them over the province, CITY over "
                    + "its city; others get 403. Returns the counts of alerts raised, updated (still holding) and resolved. "
                    + "409 remote-check-running while another run is in progress.")
    Mono<RunView> run() {
        return CurrentCaller.get().flatMap(caller -> {
            if (!(caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY))) {
                throw ApiException.forbidden(
                        ProblemCodes.FORBIDDEN, "only province and city bureaus start remote checks");
            }
            return engine.run(RemoteCheckEngine.Trigger.ON_DEMAND, caller.division(), caller.subject());
        });
    }

    @GetMapping("/runs")
    @Operation(
            summary = "Run history",
            description = "Paged, newest first: runs that covered the caller's division "
                    + "(the nightly run included) and runs inside it.")
    Mono<PageResponse<RunView>> runs(
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return CurrentCaller.get().map(Bureau::require).flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            String prefix = caller.division().prefix();
            return runs.list(prefix, paging.offset(), paging.size())
                    .collectList()
                    .zipWith(runs.count(prefix))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    @PostMapping("/closures")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Record a verified closure (关停) of a unit",
            description = "For a unit of the caller's "
                    + "division (404 otherwise); from the next run on the remote rules no longer alert on it and its OPEN "
                    + "alerts resolve. 409 closure-exists when one is recorded already.")
    Mono<ClosureView> close(@Valid @RequestBody ClosureRequest request) {
        // "Not in the future" by the bureau's calendar, not the server's: @PastOrPresent used the JVM's zone (UTC),
        // so from 00:00 to 08:00 Beijing time a closure dated today was refused.
        if (request.closedOn().isAfter(clock.today())) {
            throw ApiException.invalidField(
                    "closedOn", "must not lie in the future", request.closedOn().toString());
        }
        return CurrentCaller.get()
                .map(Bureau::require)
                .flatMap((Caller caller) ->
                        closures.record(request.permitNumber().trim(), request.closedOn(), request.basis(), caller));
    }

    @GetMapping("/closures")
    @Operation(summary = "Verified closures", description = "Paged, newest first, inside the caller's division.")
    Mono<PageResponse<ClosureView>> closures(
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return CurrentCaller.get().map(Bureau::require).flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            String like = caller.division().likePattern();
            return closures.list(like, paging.offset(), paging.size())
                    .collectList()
                    .zipWith(closures.count(like))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }
}
