package org.permitwatch.inspection.penalty;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.permitwatch.support.security.CurrentCaller;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@EnableConfigurationProperties(PenaltyProperties.class)
@Tag(
        name = "Penalties",
        description = "行政处罚: discretion proposals with their explanation, decisions (fine or "
                + "justified no-penalty), daily continuous fines (按日连续处罚)")
class PenaltyController {

    private final PenaltyService service;
    private final BenchmarkCatalog benchmarks;

    PenaltyController(PenaltyService service, BenchmarkCatalog benchmarks) {
        this.service = service;
        this.benchmarks = benchmarks;
    }

    /** The id of a stored decision. */
    record DecisionRef(UUID caseId, UUID decisionId) {}

    @PostMapping("/api/v1/cases/{id}/penalty-proposal")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Compute and store a penalty proposal",
            description = "Applies the benchmark version in force on the violation day: factor levels × weights, "
                    + "adjustments, rounding, clamped into the statutory range; HISTORY from the unit's cases of the "
                    + "last 12 months. Returns the full explanation and the no-penalty eligibility with reasons. "
                    + "PROVINCE, CITY or COUNTY staff; 409 once the case is decided or closed.")
    Mono<PenaltyService.ProposalView> propose(
            @PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            name = "general harm, negligent, corrected actively",
                                                            value = "{\"factors\": {\"HARM\": \"GENERAL\", \"FAULT\":"
                                                                    + " \"NEGLIGENT\", \"METHOD\": \"ORDINARY\","
                                                                    + " \"ATTITUDE\": \"ACTIVE\"}, \"adjustments\":"
                                                                    + " [\"HARM_REDUCED\"]}")))
                    @Valid
                    @RequestBody
                    PenaltyRequests.Proposal body) {
        return CurrentCaller.get().flatMap(caller -> service.propose(id, body, caller));
    }

    @PostMapping("/api/v1/cases/{id}/decision")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Decide the penalty (FINE or NO_PENALTY)",
            description =
                    "CITY or PROVINCE staff only. NO_PENALTY only when the proposal was eligible (422 on kind). "
                            + "A FINE amount must lie inside the statutory range (422 on amountYuan); an amount other than the "
                            + "proposal's needs overrideReason and is audited. One decision per case (409 case-already-decided).")
    Mono<DecisionRef> decide(
            @PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples = {
                                                @ExampleObject(
                                                        name = "fine as proposed",
                                                        value = "{\"proposalId\":"
                                                                + " \"3f0c6a52-9d1e-4c55-8a39-2f6f1f1f6b10\","
                                                                + " \"kind\": \"FINE\"}"),
                                                @ExampleObject(
                                                        name = "fine other than proposed",
                                                        value = "{\"proposalId\":"
                                                                + " \"3f0c6a52-9d1e-4c55-8a39-2f6f1f1f6b10\","
                                                                + " \"kind\": \"FINE\", \"amountYuan\": 150000,"
                                                                + " \"overrideReason\": \"集体讨论：主动配合调查\"}"),
                                                @ExampleObject(
                                                        name = "no penalty",
                                                        value = "{\"proposalId\":"
                                                                + " \"3f0c6a52-9d1e-4c55-8a39-2f6f1f1f6b10\","
                                                                + " \"kind\": \"NO_PENALTY\"}")
                                            }))
                    @Valid
                    @RequestBody
                    PenaltyRequests.Decision body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.decide(id, body, caller))
                .map(decisionId -> new DecisionRef(id, decisionId));
    }

    @PostMapping("/api/v1/cases/{id}/article")
    @Operation(
            summary = "Re-characterise the case's article (定性) before the decision",
            description = "Sets the article and 项 of 《排污许可管理条例》 the case is decided under (e.g. 36(5) instead of "
                    + "the checklist's 34(2)); the range follows. PROVINCE, CITY or COUNTY staff; reason required and "
                    + "audited (case.recharacterise); 409 once decided; 422 when the benchmark has no range for it. "
                    + "Earlier proposals can no longer be decided (409 proposal-article-stale).")
    Mono<PenaltyService.Recharacterised> recharacterise(
            @PathVariable UUID id, @Valid @RequestBody PenaltyRequests.Recharacterisation body) {
        return CurrentCaller.get().flatMap(caller -> service.recharacterise(id, body, caller));
    }

    @PostMapping("/api/v1/cases/{id}/daily-penalty")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Impose a daily continuous fine (按日连续处罚)",
            description = "环境保护部令第28号. Only for unlawful discharge: the case's article must be one of "
                    + "permitwatch.cases.penalty.daily.articles (33, 34(1), 34(2), 35 by default; 36, 37 and 43 never) — "
                    + "422 daily-fine-not-applicable otherwise (第五条). Needs the case's FINE decision (409 "
                    + "fine-decision-required) and a CONTINUING verification of the rectification with the re-inspection "
                    + "record (409 continuing-not-verified), inspected after the deadline (409 reinspection-before-deadline) "
                    + "and within 30 days after the order's service, or after the previous fined re-inspection (409 "
                    + "reinspection-outside-window, 第十二条). Days run from the day after service (servedOn + 1), or after "
                    + "the last day already fined, to the re-inspection day inclusive (第十七条, 累计执行: no day twice; "
                    + "409 reinspection-already-fined); amount = the original fine × days (第十九条). The decision's "
                    + "explanation stores period, days, daily amount and legal basis.")
    Mono<DecisionRef> daily(@PathVariable UUID id, @Valid @RequestBody PenaltyRequests.DailyPenalty body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.dailyPenalty(id, body, caller))
                .map(decisionId -> new DecisionRef(id, decisionId));
    }

    @GetMapping("/api/v1/discretion/benchmarks")
    @Operation(
            summary = "The discretion benchmark versions",
            description = "Every version with its effective date, ranges, factors, adjustments and no-penalty rules, "
                    + "newest first. Any authenticated caller.")
    List<Benchmark> benchmarks() {
        return benchmarks.all();
    }
}
