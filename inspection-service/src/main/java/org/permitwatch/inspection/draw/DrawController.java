package org.permitwatch.inspection.draw;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.web.ListSort;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.SortParam;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/draws")
@EnableConfigurationProperties(DrawProperties.class)
@Tag(
        name = "Draws",
        description = "双随机 draws: verifiable (commit-reveal, fingerprinted inputs), confidential until published")
class DrawController {

    private final DrawService draws;
    private final ProvinceRemoteDraw provinceDraws;

    private final BureauClock clock;

    DrawController(DrawService draws, ProvinceRemoteDraw provinceDraws, BureauClock clock) {
        this.clock = clock;
        this.draws = draws;
        this.provinceDraws = provinceDraws;
    }

    /**
     * The province's draw for remote checks.
     *
     * @param ratios share per stratum (KEY, GENERAL, SPECIAL; 0–1); a stratum left out draws nothing
     */
    record RemoteDrawRequest(
            @NotNull @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be yyyy-MM")
            String month,

            @NotEmpty
            Map<
                            @Pattern(regexp = "KEY|GENERAL|SPECIAL", message = "must be KEY, GENERAL or SPECIAL")
                            String,
                            @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal>
                    ratios,

            @Size(max = 20)
            List<@NotBlank @Pattern(regexp = "\\d{6}", message = "must be a 6-digit city code") String> cityCodes,

            @Size(max = 8)
            List<
                            @Pattern(
                                    regexp =
                                            "PAPER|STEEL|THERMAL_POWER|COKING|CEMENT|SEWAGE_TREATMENT|WATER_REUSE|OTHER",
                                    message = "must be one of the plan-table industries")
                            String>
                    keyIndustries,

            Boolean includeRegistration,
            @Size(max = 500) List<@NotBlank @Size(max = 64) String> targeted) {}

    @PostMapping("/remote-checks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "The province's random draw for remote checks",
            description = "PROVINCE users only (403 "
                    + "otherwise). Draws units of the chosen cities (default: the whole province) per stratum at "
                    + "ceil(ratio × stratum denominator), verifiable like every draw (commit–reveal, fingerprints, "
                    + "GET /draws/{id}/verification), plus targeted units (靶向核查); the remote-check rules then run over "
                    + "the drawn units only, in the same transaction (remoteCheckRun in the response; its alerts are reviewed "
                    + "like any). No officer is assigned and no task is made. 422 ratio-below-floor naming ratios.<STRATUM>; "
                    + "409 remote-check-running while another run is in progress (the draw is then FAILED).")
    Mono<DrawViews.Draw> createForRemoteChecks(@Valid @RequestBody RemoteDrawRequest request) {
        return CurrentCaller.get().flatMap(caller -> {
            if (!caller.hasRole(Role.PROVINCE) || caller.division().level() != DivisionCode.Level.PROVINCE) {
                throw ApiException.forbidden(ProblemCodes.FORBIDDEN, "remote-check draws are the province's");
            }
            YearMonth month = YearMonth.parse(request.month());
            // A draw is for the month it checks: not a past year's or a far-off one (a 1900 draw is an input error).
            YearMonth now = clock.thisMonth();
            if (month.isBefore(now.minusMonths(12)) || month.isAfter(now.plusMonths(12))) {
                throw ApiException.invalidField(
                        "month", "must lie within twelve months of the current month", request.month());
            }
            return provinceDraws
                    .draw(
                            new ProvinceRemoteDraw.Request(
                                    month,
                                    Map.copyOf(request.ratios()),
                                    request.cityCodes() == null
                                            ? List.of()
                                            : List.copyOf(new java.util.TreeSet<>(request.cityCodes())),
                                    request.keyIndustries() == null
                                            ? List.of()
                                            : List.copyOf(new java.util.TreeSet<>(request.keyIndustries())),
                                    Boolean.TRUE.equals(request.includeRegistration()),
                                    request.targeted() == null ? List.of() : request.targeted()),
                            caller)
                    .flatMap(id -> draws.find(id, caller));
        });
    }

    record DrawRequest(
            @NotNull UUID planId,
            @NotNull @Min(1) @Max(99) Integer rowNo,

            @NotNull @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be yyyy-MM")
            String month,

            @Size(max = 500) List<@NotBlank @Size(max = 64) String> targeted,
            LocalDate dueDate,

            @Pattern(regexp = "[A-Z][A-Z_]{1,39}", message = "must be an upper-case department code")
            String department) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Run a draw for a plan row and month",
            description = "The bureau that made the plan: a CITY "
                    + "user for a row of the city plan (over the city's units, the city's officers), a COUNTY user for a row of "
                    + "its county plan (over the county's units only, the county's officers); 404 for anyone else's plan. "
                    + "Per stratum the draw takes min(eligible, ceil(stratum ratio × stratum denominator), what the city row "
                    + "leaves this month): city and county draws of one city row share its units per round × rounds in the "
                    + "month; units with a task in the window are never drawn again. The seed's SHA-256 is stored before any "
                    + "unit is read; the response reveals the seed, the fingerprints, the budgets and the drawn units with "
                    + "their inspectors; each unit becomes a task.")
    Mono<DrawViews.Draw> create(@Valid @RequestBody DrawRequest request) {
        return CurrentCaller.get().flatMap(caller -> {
            boolean city = caller.hasRole(Role.CITY) && caller.division().level() == DivisionCode.Level.CITY;
            boolean county = caller.hasRole(Role.COUNTY) && caller.division().level() == DivisionCode.Level.COUNTY;
            if (!city && !county) {
                throw ApiException.forbidden(ProblemCodes.FORBIDDEN, "draws are run by a city or county bureau");
            }
            YearMonth month = YearMonth.parse(request.month());
            if (request.dueDate() != null && !YearMonth.from(request.dueDate()).equals(month)) {
                throw ApiException.invalidField(
                        "dueDate",
                        "must lie in the drawn month",
                        request.dueDate().toString());
            }
            return draws.draw(
                            new DrawService.Request(
                                    request.planId(),
                                    request.rowNo(),
                                    month,
                                    request.targeted() == null ? List.of() : request.targeted(),
                                    request.dueDate(),
                                    request.department()),
                            caller)
                    .flatMap(id -> draws.find(id, caller));
        });
    }

    @GetMapping
    @Operation(
            summary = "List draws",
            description = "Paged, newest first, optionally of one plan. Confidential like one draw: PROVINCE users "
                    + "see every draw, CITY users their city's and its counties' draws, COUNTY users their own county's "
                    + "draws only; inspectors see none (403).")
    Mono<PageResponse<DrawViews.DrawSummary>> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) UUID planId,
            @RequestParam(required = false) @SortParam(DrawSort.class) String sort) {
        String orderBy = ListSort.orderBy(sort, DrawSort.class, "d.committed_at DESC, d.id", DrawSort.TIE_BREAKER);
        return bureau().switchIfEmpty(Mono.error(() -> ApiException.forbidden(
                        ProblemCodes.FORBIDDEN, "draw results are confidential to the drawing bureaus")))
                .flatMap(caller -> {
                    Paging paging = Paging.of(page, size);
                    return draws.list(caller, planId, orderBy, paging)
                            .collectList()
                            .zipWith(draws.count(caller, planId))
                            .map(t -> new PageResponse<>(t.getT1(), paging.page(), paging.size(), t.getT2()));
                });
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "One draw",
            description =
                    "Confidential: PROVINCE users see every draw, CITY users their "
                            + "city's and its counties' draws, COUNTY users their own county's draws only; everyone else gets 404.")
    Mono<DrawViews.Draw> get(@PathVariable UUID id) {
        return bureau().flatMap(caller -> draws.find(id, caller)).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    @GetMapping("/{id}/verification")
    @Operation(
            summary = "Re-run a completed draw from its recorded inputs",
            description = "Checks the seed against "
                    + "its committed hash, the fingerprints against the recorded inputs, and the recomputed result against "
                    + "the recorded one. The answer carries the recorded inputs (eligible units, targeted units, quotas, "
                    + "the officer pool, officers per unit) so anyone can repeat the re-run with ADR 0007's rules.")
    Mono<DrawViews.Verification> verify(@PathVariable UUID id) {
        return bureau().flatMap(caller -> draws.verify(id, caller)).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    @PostMapping("/{id}/publish")
    @Operation(
            summary = "Publish a draw's results",
            description =
                    "Once all its tasks are done, or from its "
                            + "publication date (end of month + configured days). PROVINCE and CITY users whose division holds the "
                            + "draw's city; 403 for anyone else, 404 when the draw is unknown or outside the caller's division.")
    Mono<DrawViews.Draw> publish(@PathVariable UUID id) {
        // An action is never answered with an empty 200: a caller who may not publish learns so (403), and an
        // unknown draw is a 404 problem like on GET.
        return CurrentCaller.get().flatMap(caller -> {
            if (!isDrawingBureau(caller)) {
                return Mono.error(ApiException.forbidden(
                        ProblemCodes.FORBIDDEN, "draw results are published by the city or province bureau"));
            }
            return draws.find(id, caller)
                    .switchIfEmpty(Mono.error(() -> notFound(id)))
                    .flatMap(d -> draws.publish(id, caller))
                    .then(Mono.defer(() -> draws.find(id, caller)))
                    .switchIfEmpty(Mono.error(() -> notFound(id)));
        });
    }

    /** PROVINCE and CITY users: the bureaus that run, read and publish draws. */
    private static boolean isDrawingBureau(Caller caller) {
        return caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY);
    }

    /** Draw results are confidential to the drawing bureau and those above it (DrawScope); inspectors see none. */
    private static Mono<Caller> bureau() {
        return CurrentCaller.get().filter(c -> isDrawingBureau(c) || c.hasRole(Role.COUNTY));
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound(ProblemCodes.NOT_FOUND, "no draw " + id + " in your division");
    }
}
