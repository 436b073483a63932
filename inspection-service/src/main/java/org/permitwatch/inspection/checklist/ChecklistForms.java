package org.permitwatch.inspection.checklist;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.inspection.task.TaskAccess;
import org.permitwatch.inspection.task.TaskView;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Assembles the printable checklist (附件2) for a version: blank, for one industry, or pre-filled for an inspection
 * task. The items are exactly those an inspection record of the task would be checked against
 * ({@link ChecklistCatalog#itemsFor}), so the paper form and the record the inspector types in afterwards agree.
 * Every read is scoped: a version the caller cannot see and a task outside the caller's division (or, for an
 * inspector, not assigned to them) are 404s.
 */
@Component
class ChecklistForms {

    /** Printed industry names, as in the rows of 附件3. */
    static final Map<KeyIndustry, String> INDUSTRY_LABELS = Map.of(
            KeyIndustry.PAPER,
            "造纸",
            KeyIndustry.STEEL,
            "钢铁",
            KeyIndustry.THERMAL_POWER,
            "火电",
            KeyIndustry.COKING,
            "焦化",
            KeyIndustry.CEMENT,
            "水泥",
            KeyIndustry.SEWAGE_TREATMENT,
            "污水处理",
            KeyIndustry.WATER_REUSE,
            "再生利用",
            KeyIndustry.OTHER,
            "其他行业（通用清单）");

    private static final Map<String, String> CATEGORY_LABELS =
            Map.of("KEY", "重点管理", "SIMPLIFIED", "简化管理", "REGISTRATION", "登记管理");

    private final ChecklistQueries queries;
    private final ChecklistCatalog catalog;
    private final TaskAccess tasks;
    private final DatabaseClient db;

    ChecklistForms(ChecklistQueries queries, ChecklistCatalog catalog, TaskAccess tasks, DatabaseClient db) {
        this.queries = queries;
        this.catalog = catalog;
        this.tasks = tasks;
        this.db = db;
    }

    /**
     * @param versionId   the version; null for the one an inspection in the task's (or the caller's) city uses today
     * @param taskId      pre-fill for this task's unit and take the items of the unit's industry; may be null
     * @param keyIndustry without a task: the industry whose items to print (null: the general list)
     */
    Mono<ChecklistForm> form(UUID versionId, UUID taskId, KeyIndustry keyIndustry, Caller caller) {
        if (taskId != null && keyIndustry != null) {
            return Mono.error(ApiException.invalidField(
                    "keyIndustry",
                    "leave it out with taskId: the unit's industry in the directory decides the items",
                    keyIndustry));
        }
        Mono<TaskView> task = taskId == null ? Mono.empty() : tasks.findForInspection(taskId, caller);
        return task.map(t -> new Target(t.cityCode(), t))
                .defaultIfEmpty(new Target(null, null))
                .flatMap(target -> {
                    String city = target.city() != null
                            ? target.city()
                            : caller.division().cityCode().value();
                    Mono<UUID> id = versionId != null
                            ? Mono.just(versionId)
                            : catalog.currentVersionFor(city)
                                    .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                                            "no-published-checklist",
                                            "no checklist version is published for " + city)));
                    return id.flatMap(v -> visible(v, caller)).flatMap(version -> {
                        // A city's additions print for that city only; the province's version for everybody.
                        String itemsCity = version.basedOn() != null ? version.divisionCode() : city;
                        if (target.task() != null
                                && version.basedOn() != null
                                && !version.divisionCode().equals(target.task().cityCode())) {
                            return Mono.error(ApiException.conflict(
                                    "checklist-not-for-city",
                                    "checklist version "
                                            + version.id() + " holds the additions of city " + version.divisionCode()
                                            + ", the task is in city "
                                            + target.task().cityCode()));
                        }
                        if (target.task() == null) {
                            return items(version, keyIndustry, itemsCity, null);
                        }
                        return unit(target.task()).flatMap(unit -> items(version, unit.industry(), itemsCity, unit));
                    });
                });
    }

    /**
     * The items an inspection record of this task is checked against, as data (the field app's form): the same
     * version and items as {@link #form} prints for the task, with the item ids a record's {@code items[].itemId}
     * names. Like the printed form: 404 for a task outside the caller's division or not assigned to an inspector,
     * 409 when the unit is not in the directory yet.
     */
    Mono<ChecklistViews.VersionDetail> itemsForTask(UUID taskId, Caller caller) {
        return tasks.findForInspection(taskId, caller)
                .flatMap(task -> catalog.currentVersionFor(task.cityCode())
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                                "no-published-checklist", "no checklist version is published for " + task.cityCode())))
                        .flatMap(id -> visible(id, caller))
                        .flatMap(version -> unit(task)
                                .flatMap(unit -> catalog.itemsFor(
                                                version.id(), unit.industry().name(), task.cityCode())
                                        .collectList())
                                .map(items -> new ChecklistViews.VersionDetail(version, items))));
    }

    private Mono<ChecklistViews.Version> visible(UUID id, Caller caller) {
        return queries.find(id, caller)
                .switchIfEmpty(
                        Mono.error(() -> ApiException.notFound(ProblemCodes.NOT_FOUND, "no checklist version " + id)))
                .flatMap(v -> "PUBLISHED".equals(v.status())
                        ? Mono.just(v)
                        : Mono.error(ApiException.conflict(
                                "checklist-not-published",
                                "checklist version " + id + " is a draft; only a published version prints as a form")));
    }

    private Mono<ChecklistForm> items(
            ChecklistViews.Version version, KeyIndustry industry, String city, PrefilledUnit unit) {
        KeyIndustry list = industry == null ? KeyIndustry.OTHER : industry;
        return catalog.itemsFor(version.id(), list.name(), city)
                .map(ChecklistForms::item)
                .collectList()
                .map(items -> new ChecklistForm(
                        version.title(),
                        version.code() + " 第" + version.version() + "版",
                        unit == null ? null : unit.unit(),
                        INDUSTRY_LABELS.get(list),
                        items));
    }

    private static ChecklistForm.Item item(ChecklistItemView view) {
        List<ChecklistForm.Point> points = view.subPoints().stream()
                .map(p -> new ChecklistForm.Point(p.code(), p.text(), p.articleOr(view.article())))
                .toList();
        return new ChecklistForm.Item(view.itemNo(), view.title(), view.legalBasis(), points);
    }

    /** The task's unit as the directory projection knows it, and the names of the task's inspectors. */
    private Mono<PrefilledUnit> unit(TaskView task) {
        Mono<List<String>> inspectors = task.inspectorIds().isEmpty()
                ? Mono.just(List.of())
                : db.sql("SELECT name FROM inspector WHERE id = ANY(:ids) ORDER BY name")
                        .bind("ids", task.inspectorIds().toArray(UUID[]::new))
                        .map(r -> r.get("name", String.class))
                        .all()
                        .collectList();
        return db.sql("""
                        SELECT unit_name, key_industry, snapshot->>'industryCode' AS industry_code,
                               snapshot->>'industryName' AS industry_name,
                               snapshot->>'managementCategory' AS category
                          FROM directory_unit WHERE permit_number = :permit""")
                .bind("permit", task.permitNumber())
                .map(r -> new String[] {
                    r.get("unit_name", String.class),
                    r.get("key_industry", String.class),
                    r.get("industry_code", String.class),
                    r.get("industry_name", String.class),
                    r.get("category", String.class)
                })
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                        "unit-not-in-directory",
                        "unit " + task.permitNumber() + " is not in the directory projection yet")))
                .zipWith(inspectors, (row, names) -> {
                    KeyIndustry industry = row[1] == null ? KeyIndustry.OTHER : KeyIndustry.valueOf(row[1]);
                    String industryText = (row[3] == null ? "" : row[3]) + (row[2] == null ? "" : "（" + row[2] + "）")
                            + " — " + INDUSTRY_LABELS.get(industry);
                    String name = row[0] != null ? row[0] : task.unitName();
                    return new PrefilledUnit(
                            industry,
                            new ChecklistForm.Unit(
                                    name,
                                    task.permitNumber(),
                                    industryText,
                                    row[4] == null ? null : CATEGORY_LABELS.getOrDefault(row[4], row[4]),
                                    names));
                });
    }

    private record Target(String city, TaskView task) {}

    private record PrefilledUnit(KeyIndustry industry, ChecklistForm.Unit unit) {}
}
