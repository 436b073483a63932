package org.permitwatch.monitoring.point;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.permitwatch.monitoring.point.PointSheet.Column;
import org.permitwatch.monitoring.point.PointSheet.SheetRow;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Imports the provincial platform's sheet of points: every row judged by {@link PointForm#problems} (the rule of a
 * single registration), then against the file itself, the directory and the registered points; stored all or nothing.
 *
 * <p>Idempotent: a row whose MN is registered with the same permit and outlet is the same point — unchanged when its
 * password and pollutants match too, updated (password, pollutants) when not. An MN registered to another outlet is an
 * error: moving a point is a decision for a person, not a side effect of a file.
 */
@Component
class PointImporter {

    /** Problems listed at most; a wholly wrong file would otherwise answer with tens of thousands. */
    static final int MAX_PROBLEMS = 200;

    private static final Pattern CODE_SEPARATORS = Pattern.compile("[、,，;；\\s]+");

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;

    PointImporter(DatabaseClient db, ReactiveTransactionManager transactions, AuditLog audit) {
        this.db = db;
        this.tx = WholeTransactions.create(transactions);
        this.audit = audit;
    }

    /** Reads, judges and (unless {@code dryRun}) stores the file; 400 naming row and column when anything is wrong. */
    Mono<ImportReport> importFile(byte[] content, String fileName, boolean dryRun, Caller caller) {
        return Mono.fromCallable(() -> PointSheet.read(content))
                // POI and the decoders block and burn CPU: never on a reactive thread.
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(rows -> judge(rows, caller))
                .flatMap(plan -> dryRun
                        ? Mono.just(plan.report(true))
                        : store(plan, fileName, sha256(content), caller).thenReturn(plan.report(false)));
    }

    private record Planned(
            int row,
            PointForm form,
            String division,
            String unitName,
            boolean outletOnPermit,
            ImportReport.Action action) {}

    private record Plan(List<Planned> rows) {
        ImportReport report(boolean dryRun) {
            return new ImportReport(
                    dryRun,
                    rows.size(),
                    count(ImportReport.Action.CREATE),
                    count(ImportReport.Action.UPDATE),
                    count(ImportReport.Action.UNCHANGED),
                    rows.stream()
                            .map(p -> new ImportReport.Row(
                                    p.row(),
                                    p.form().mn(),
                                    p.form().permitNo(),
                                    p.unitName(),
                                    p.form().outletCode(),
                                    p.outletOnPermit(),
                                    p.form().pollutants(),
                                    p.action()))
                            .toList());
        }

        private int count(ImportReport.Action action) {
            return (int) rows.stream().filter(p -> p.action() == action).count();
        }
    }

    private record Permit(String county, String unitName, List<String> outlets) {}

    private record Existing(String permitNo, String outletCode, String password, List<String> pollutants) {}

    private Mono<Plan> judge(List<SheetRow> rows, Caller caller) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<Integer, PointForm> forms = new LinkedHashMap<>();
        Map<String, Integer> firstRowOfMn = new HashMap<>();
        for (SheetRow row : rows) {
            String prefix = "rows[" + row.number() + "].";
            PointForm form = new PointForm(
                    row.get(Column.MN),
                    row.get(Column.PASSWORD),
                    row.get(Column.PERMIT_NO),
                    row.get(Column.OUTLET_CODE),
                    codes(row.get(Column.POLLUTANTS)));
            List<FieldProblem> own = form.problems(prefix);
            problems.addAll(own);
            Integer first = row.get(Column.MN).isEmpty() ? null : firstRowOfMn.putIfAbsent(form.mn(), row.number());
            if (first != null) {
                problems.add(
                        new FieldProblem(prefix + "mn", "the MN is in row " + first + " of the file too", form.mn()));
            } else if (own.isEmpty()) {
                forms.put(row.number(), form.normalized());
            }
        }
        List<String> permitNos =
                forms.values().stream().map(PointForm::permitNo).distinct().toList();
        List<String> mns = forms.values().stream().map(PointForm::mn).toList();
        return permits(permitNos).zipWith(existing(mns)).map(found -> {
            Map<String, Permit> permits = found.getT1();
            Map<String, Existing> existing = found.getT2();
            List<Planned> planned = new ArrayList<>();
            forms.forEach((number, form) -> {
                String prefix = "rows[" + number + "].";
                Permit permit = permits.get(form.permitNo());
                if (permit == null || !caller.canSee(permit.county())) {
                    problems.add(new FieldProblem(
                            prefix + "permitNo",
                            "no permit of that number in the directory of your division",
                            form.permitNo()));
                    return;
                }
                Existing point = existing.get(form.mn());
                ImportReport.Action action;
                if (point == null) {
                    action = ImportReport.Action.CREATE;
                } else if (!point.permitNo().equals(form.permitNo())
                        || !point.outletCode().equals(form.outletCode())) {
                    problems.add(new FieldProblem(
                            prefix + "mn",
                            "the MN is registered to another outlet; a point is moved by a person, not by a file",
                            form.mn()));
                    return;
                } else if (point.password().equals(form.password())
                        && point.pollutants().equals(form.pollutants())) {
                    action = ImportReport.Action.UNCHANGED;
                } else {
                    action = ImportReport.Action.UPDATE;
                }
                planned.add(new Planned(
                        number,
                        form,
                        permit.county(),
                        permit.unitName(),
                        permit.outlets().contains(form.outletCode()),
                        action));
            });
            if (!problems.isEmpty()) {
                throw rejected(problems);
            }
            return new Plan(planned);
        });
    }

    static List<String> codes(String cell) {
        return cell.isBlank()
                ? List.of()
                : Arrays.stream(CODE_SEPARATORS.split(cell.strip()))
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private static ApiException rejected(List<FieldProblem> problems) {
        List<FieldProblem> shown = new ArrayList<>(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
        if (problems.size() > MAX_PROBLEMS) {
            shown.add(FieldProblem.of("file", (problems.size() - MAX_PROBLEMS) + " more problems not listed"));
        }
        return ApiException.badRequest(
                ProblemCodes.VALIDATION_FAILED,
                problems.size() + " problem(s) in the file; nothing was imported",
                shown);
    }

    private Mono<Map<String, Permit>> permits(List<String> permitNos) {
        if (permitNos.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        SELECT permit_no, county_code, unit_name,
                               ARRAY(SELECT e->>'outletCode' FROM jsonb_array_elements(outlets) e) AS outlets
                        FROM directory_unit WHERE permit_no = ANY(:permitNos)
                        """)
                .bind("permitNos", permitNos.toArray(String[]::new))
                .map(r -> Map.entry(
                        r.get("permit_no", String.class),
                        new Permit(
                                r.get("county_code", String.class),
                                r.get("unit_name", String.class),
                                Arrays.asList(r.get("outlets", String[].class)))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<Map<String, Existing>> existing(List<String> mns) {
        if (mns.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql(
                        "SELECT mn, permit_no, outlet_code, password, pollutants FROM monitoring_point WHERE mn = ANY(:mns)")
                .bind("mns", mns.toArray(String[]::new))
                .map(r -> Map.entry(
                        r.get("mn", String.class),
                        new Existing(
                                r.get("permit_no", String.class),
                                r.get("outlet_code", String.class),
                                r.get("password", String.class),
                                Arrays.asList(r.get("pollutants", String[].class)))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Inserts and updates and one audit row, in one transaction: a point registered meanwhile undoes all (409). */
    private Mono<Void> store(Plan plan, String fileName, String sha256, Caller caller) {
        Flux<Long> writes = Flux.fromIterable(plan.rows())
                .filter(p -> p.action() != ImportReport.Action.UNCHANGED)
                .concatMap(p -> p.action() == ImportReport.Action.CREATE ? insert(p, caller) : update(p));
        ImportReport report = plan.report(false);
        Mono<Void> recorded = audit.record(
                "monitoring.points.imported",
                "monitoring_point_import",
                sha256,
                Map.of(
                        "file",
                        fileName == null ? "" : fileName,
                        "rows",
                        report.rows(),
                        "created",
                        report.created(),
                        "updated",
                        report.updated(),
                        "unchanged",
                        report.unchanged(),
                        "mns",
                        plan.rows().stream()
                                .filter(p -> p.action() != ImportReport.Action.UNCHANGED)
                                .map(p -> p.form().mn())
                                .toList()));
        return tx.transactional(writes.then(recorded));
    }

    private Mono<Long> insert(Planned p, Caller caller) {
        return db.sql("""
                        INSERT INTO monitoring_point (id, mn, password, permit_no, outlet_code, pollutants,
                                                      division_code, source, created_by)
                        VALUES (:id, :mn, :password, :permitNo, :outletCode, :pollutants, :division, 'IMPORT', :by)
                        ON CONFLICT (mn) DO NOTHING
                        """)
                .bind("id", UUID.randomUUID())
                .bind("mn", p.form().mn())
                .bind("password", p.form().password())
                .bind("permitNo", p.form().permitNo())
                .bind("outletCode", p.form().outletCode())
                .bind("pollutants", p.form().pollutants().toArray(String[]::new))
                .bind("division", p.division())
                .bind("by", caller.subject())
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 0 ? Mono.error(taken(p)) : Mono.just(n));
    }

    /** Only the point of the same permit and outlet is touched: a concurrent move makes the row count 0 (409). */
    private Mono<Long> update(Planned p) {
        return db.sql("""
                        UPDATE monitoring_point SET password = :password, pollutants = :pollutants
                        WHERE mn = :mn AND permit_no = :permitNo AND outlet_code = :outletCode
                        """)
                .bind("password", p.form().password())
                .bind("pollutants", p.form().pollutants().toArray(String[]::new))
                .bind("mn", p.form().mn())
                .bind("permitNo", p.form().permitNo())
                .bind("outletCode", p.form().outletCode())
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 0 ? Mono.error(taken(p)) : Mono.just(n));
    }

    private static ApiException taken(Planned p) {
        return ApiException.conflict(
                "mn-taken",
                "row " + p.row() + ": MN " + p.form().mn()
                        + " was registered elsewhere while the file was imported; nothing was imported");
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
