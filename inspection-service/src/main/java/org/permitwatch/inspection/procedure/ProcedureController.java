package org.permitwatch.inspection.procedure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.UUID;
import org.permitwatch.inspection.cases.CaseAccess;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.web.ListSort;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.SortParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/cases")
@Tag(
        name = "Case procedure",
        description = "程序 of a penalty case with its time limits: 告知, 陈述申辩, 听证, 法制审核 / 集体讨论, 决定, 送达, "
                + "缴纳 (加处罚款), 暂缓 / 分期, 催告, 申请法院强制执行; the 90-day case limit, its extensions, 中止 and 终止 "
                + "(docs/inspection/cases.md)")
class ProcedureController {

    private static final String WRITE_RULES = " Bureau staff (PROVINCE, CITY, COUNTY; 403 otherwise); 404 outside the "
            + "caller's division; 400 naming the field; 409 procedure-step-not-allowed when the step cannot follow the "
            + "current one. A deadline reaching a year without the State Council holiday arrangement is counted "
            + "provisionally (state.provisionalDeadlines), never refused. Audited case.procedure.<action>; emits "
            + "ProcedureStepChanged. Returns the procedure.";

    /** The kinds of the next deadline (case_procedure.next_due_kind). */
    private static final java.util.List<String> DUE_KINDS =
            java.util.List.of("DECISION", "SERVICE", "PAYMENT", "INSTALMENT", "ENFORCEMENT");

    private final ProcedureService service;
    private final ProcedureQueries queries;

    ProcedureController(ProcedureService service, ProcedureQueries queries) {
        this.service = service;
        this.queries = queries;
    }

    @GetMapping("/{id}/procedure")
    @Operation(
            summary = "The case's procedure with its deadlines",
            description =
                    "Steps with their dates, the deadlines (陈述申辩, 听证 request, case limit, service, payment, court "
                            + "enforcement window), the actions allowed today, overdue, and the 加处罚款 owed if paid today. "
                            + "Readable like the case (404 otherwise).")
    Mono<ProcedureViews.Procedure> get(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> read(id, caller));
    }

    @GetMapping("/procedure/due")
    @Operation(
            summary = "Cases with due or overdue procedure steps",
            description =
                    "The city's list of deadlines: each case's next deadline (DECISION = the case limit, SERVICE, "
                            + "PAYMENT, INSTALMENT = the earliest unpaid instalment, ENFORCEMENT = the last day of the "
                            + "court application after a 催告) up to `withinDays` from today (default 7), or only those already passed "
                            + "(`overdueOnly=true`). Paged; sorted by nextDue (soonest first) unless `sort` says otherwise; "
                            + "inside the caller's scope.")
    Mono<PageResponse<ProcedureViews.DueItem>> due(
            @Parameter(description = "0-based page") @RequestParam(required = false) Integer page,
            @Parameter(description = "page size, 1..200, default 20") @RequestParam(required = false) Integer size,
            @Parameter(description = "days ahead of today to include, 0..366, default 7")
                    @RequestParam(required = false)
                    Integer withinDays,
            @Parameter(description = "only deadlines already passed") @RequestParam(required = false)
                    Boolean overdueOnly,
            @Parameter(description = "DECISION, SERVICE, PAYMENT, INSTALMENT or ENFORCEMENT")
                    @RequestParam(required = false)
                    String kind,
            @RequestParam(required = false) @SortParam(ProcedureSort.class) String sort) {
        int within = withinDays == null ? 7 : withinDays;
        if (within < 0 || within > 366) {
            throw ApiException.invalidField("withinDays", "must be 0..366", withinDays);
        }
        String k = kind == null || kind.isBlank() ? null : kind.trim().toUpperCase();
        if (k != null && !DUE_KINDS.contains(k)) {
            throw ApiException.invalidField("kind", "must be one of " + String.join(", ", DUE_KINDS), kind);
        }
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            LocalDate today = service.today();
            ProcedureQueries.DueFilter filter =
                    new ProcedureQueries.DueFilter(today.plusDays(within), Boolean.TRUE.equals(overdueOnly), k);
            String orderBy =
                    ListSort.orderBy(sort, ProcedureSort.class, "p.next_due ASC, c.id", ProcedureSort.TIE_BREAKER);
            return queries.due(caller, filter, today, orderBy, paging.offset(), paging.size())
                    .collectList()
                    .zipWith(queries.dueCount(caller, filter, today))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    @PostMapping("/{id}/procedure/notice")
    @Operation(
            summary = "告知: the 行政处罚事先（听证）告知书 was served",
            description = "`{proposalId, servedOn, method}`: the noticed amount is the proposal's. Opens the 陈述申辩 "
                    + "window (3 working days) and, for a fine of at least the hearing threshold or a non-monetary "
                    + "measure, the hearing-request window (5 working days, 行政处罚法 第六十四条, 第八十五条); marks a "
                    + "major decision (legal review and collective discussion required). 409 proposal-article-stale."
                    + WRITE_RULES)
    Mono<ProcedureViews.Procedure> notice(@PathVariable UUID id, @RequestBody ProcedureService.NoticeInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.notice(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/statement")
    @Operation(
            summary = "陈述申辩 received, or waived",
            description =
                    "`{on, waived?, hearingWaived?, summary}` (summary required unless waived; hearingWaived only "
                            + "where a hearing is available)." + WRITE_RULES)
    Mono<ProcedureViews.Procedure> statement(@PathVariable UUID id, @RequestBody ProcedureService.StatementInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.statement(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/hearing-request")
    @Operation(
            summary = "听证 requested by the party",
            description = "`{requestedOn}`: within the hearing-request window (409 hearing-request-late), only where a "
                    + "hearing is available (409 hearing-not-available) and not waived (409 hearing-waived). Blocks the "
                    + "decision until the hearing is held and reviewed." + WRITE_RULES)
    Mono<ProcedureViews.Procedure> hearingRequest(
            @PathVariable UUID id, @RequestBody ProcedureService.HearingRequestInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.hearingRequest(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/hearing")
    @Operation(
            summary = "听证 held",
            description = "`{heldOn, outcome}`: the days from the request to the hearing do not count against the "
                    + "case limit; a legal review becomes required." + WRITE_RULES)
    Mono<ProcedureViews.Procedure> hearing(@PathVariable UUID id, @RequestBody ProcedureService.HearingInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.hearing(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/review")
    @Operation(
            summary = "法制审核 (and 集体讨论) done",
            description =
                    "`{reviewedOn, reviewer, opinion, discussedOn?, discussionNote?}`; discussedOn is required for "
                            + "a major decision (400)." + WRITE_RULES)
    Mono<ProcedureViews.Procedure> review(@PathVariable UUID id, @RequestBody ProcedureService.ReviewInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.review(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/service")
    @Operation(
            summary = "送达 of the decision",
            description = "`{servedOn, method}` (DIRECT 直接, LEFT_AT_PREMISES 留置, ENTRUSTED 委托, MAIL 邮寄, FORWARDED "
                    + "转交, ELECTRONIC 电子, PUBLIC_NOTICE 公告 — deemed served 30 days later). For a fine: payment due "
                    + "15 days after service, court-enforcement window from the day after the six months to sue."
                    + WRITE_RULES)
    Mono<ProcedureViews.Procedure> serve(@PathVariable UUID id, @RequestBody ProcedureService.ServiceInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.service(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/payment")
    @Operation(
            summary = "Fine paid",
            description = "`{paidOn, amountYuan}`: the amount must be the fine plus the 加处罚款 owed on paidOn (3 % of "
                    + "the fine per day after the due day, at most the fine; 行政处罚法 第七十二条) — 422 "
                    + "payment-amount-mismatch naming amountYuan; 409 no-fine-owed." + WRITE_RULES)
    Mono<ProcedureViews.Procedure> payment(@PathVariable UUID id, @RequestBody ProcedureService.PaymentInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.payment(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/enforcement")
    @Operation(
            summary = "申请法院强制执行",
            description = "`{appliedOn, court, courtCaseNo?}`: CITY or PROVINCE; only an unpaid fine after the 催告 "
                    + "(409 urge-required) and its 10 working days (409 urge-window-open, 行政强制法 第五十四条、第六十九条), "
                    + "within the three months after the periods for 复议 (60 days) and 诉讼 (6 months) ended (行政强制法 "
                    + "第五十三条): 409 enforcement-too-early / enforcement-too-late / no-fine-owed." + WRITE_RULES)
    Mono<ProcedureViews.Procedure> enforcement(
            @PathVariable UUID id, @RequestBody ProcedureService.EnforcementInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.enforcement(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/urge")
    @Operation(
            summary = "催告: the written demand to perform before a court application",
            description =
                    "`{servedOn, method}` (method as for service; 公告 deemed served 30 days later): only at SERVED "
                            + "with the fine unpaid after its payment day (409 payment-not-late, no-fine-owed, deferral-pending). "
                            + "The party may perform until the 10th working day after (行政强制法 第五十四条, 第六十九条); the court "
                            + "application opens the day after, or when the periods for 复议/诉讼 end if later; 409 urge-too-late "
                            + "when that would be after the application's last day. Next deadline: ENFORCEMENT."
                            + WRITE_RULES)
    Mono<ProcedureViews.Procedure> urge(@PathVariable UUID id, @RequestBody ProcedureService.UrgeInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.urge(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/deferral")
    @Operation(
            summary = "暂缓 / 分期缴纳 applied for by the party",
            description = "`{appliedOn, reason}` (行政处罚法 第六十六条: 确有经济困难): at SERVED, the fine unpaid, on or "
                    + "before its payment day (409 deferral-too-late, deferral-already-applied). The step stays SERVED "
                    + "until the bureau answers." + WRITE_RULES)
    Mono<ProcedureViews.Procedure> deferral(@PathVariable UUID id, @RequestBody ProcedureService.DeferralInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.deferral(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/deferral/decision")
    @Operation(
            summary = "The bureau's answer to a deferral application",
            description = "`{decidedOn, approved, approver, instalments: [{dueOn, amountYuan}]}`: CITY or PROVINCE. "
                    + "Approved: the schedule (one entry = 暂缓) in order, due days from the approval on, amounts in yuan "
                    + "with at most two decimals (400 naming instalments[i].dueOn / .amountYuan) adding up to the fine "
                    + "exactly (422 instalments-sum-mismatch); the step becomes INSTALMENTS, the next deadline the first "
                    + "instalment. Refused: the fine stays due on its day. 409 deferral-not-pending." + WRITE_RULES)
    Mono<ProcedureViews.Procedure> deferralDecision(
            @PathVariable UUID id, @RequestBody ProcedureService.DeferralDecisionInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.deferralDecision(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/instalment-payment")
    @Operation(
            summary = "One instalment paid",
            description =
                    "`{seq, paidOn, amountYuan}`: in order (409 instalment-out-of-order, instalment-already-paid); "
                            + "the amount is the instalment plus its own 加处罚款 from its due day (3 % a day, at most the "
                            + "instalment; none before it is due) — 422 payment-amount-mismatch naming amountYuan. The last "
                            + "instalment moves the procedure to PAID." + WRITE_RULES)
    Mono<ProcedureViews.Procedure> instalmentPayment(
            @PathVariable UUID id, @RequestBody ProcedureService.InstalmentPaymentInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.instalmentPayment(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/suspension")
    @Operation(
            summary = "中止案件调查",
            description = "`{on, reason}` (生态环境行政处罚办法 第三十五条; CITY or PROVINCE: the head of the bureau "
                    + "approves): before the decision, within the case limit (409 case-limit-passed, "
                    + "case-already-decided, case-suspended). The case limit stops: no deadline while suspended, and "
                    + "every other write is refused with 409 case-suspended." + WRITE_RULES)
    Mono<ProcedureViews.Procedure> suspension(
            @PathVariable UUID id, @RequestBody ProcedureService.SuspensionInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.suspension(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/resumption")
    @Operation(
            summary = "恢复案件调查",
            description = "`{on, reason}`: CITY or PROVINCE; the days since the suspension are not counted against the "
                    + "case limit, which runs again (409 case-not-suspended)." + WRITE_RULES)
    Mono<ProcedureViews.Procedure> resumption(
            @PathVariable UUID id, @RequestBody ProcedureService.ResumptionInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.resumption(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/termination")
    @Operation(
            summary = "终止案件调查",
            description = "`{on, reason}` (生态环境行政处罚办法 第三十六条; CITY or PROVINCE): before the decision, "
                    + "suspended or not; the procedure ends at TERMINATED with no deadline." + WRITE_RULES)
    Mono<ProcedureViews.Procedure> termination(
            @PathVariable UUID id, @RequestBody ProcedureService.TerminationInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.termination(id, body, caller).then(read(id, caller)));
    }

    @PostMapping("/{id}/procedure/extension")
    @Operation(
            summary = "Extend the case limit",
            description = "`{days, reason, collectiveDiscussion?}`: CITY or PROVINCE (the bureau's head approves); at "
                    + "most 30 days each, at most twice, the second only after collective discussion (422 "
                    + "collective-discussion-required); 409 case-already-decided, extension-limit, case-limit-passed."
                    + WRITE_RULES)
    Mono<ProcedureViews.Procedure> extension(@PathVariable UUID id, @RequestBody ProcedureService.ExtensionInput body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.extension(id, body, caller).then(read(id, caller)));
    }

    private Mono<ProcedureViews.Procedure> read(UUID id, Caller caller) {
        return queries.procedure(id, caller, service.today()).switchIfEmpty(Mono.error(() -> CaseAccess.notFound(id)));
    }
}
