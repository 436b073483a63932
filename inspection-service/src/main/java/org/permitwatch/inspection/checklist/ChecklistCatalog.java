package org.permitwatch.inspection.checklist;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read API for the rest of inspection-service (records, tasks): which checklist applies and what its items are.
 * Only published versions are ever returned, and a published version never changes, so a record that stores
 * the version id keeps meaning exactly what the inspector saw.
 */
@Component
public class ChecklistCatalog {

    /**
     * The items of a published version for an industry and city, as {@link #itemsFor} read them. A published version
     * and its items never change (the checklist_*_immutable triggers refuse it), so an entry never goes stale; only
     * non-empty answers are kept (an unknown, unpublished or foreign version is asked again). Every record write
     * needs its checklist's items: read from here they cost no round trip (issue 21, 200 submissions at once).
     */
    private final Cache<ItemsKey, List<ChecklistItemView>> publishedItems =
            Caffeine.newBuilder().maximumSize(512).build();

    private final DatabaseClient db;
    private final ChecklistRows rows;

    ChecklistCatalog(DatabaseClient db, ChecklistRows rows) {
        this.db = db;
        this.rows = rows;
    }

    /**
     * The version an inspection in this city should use today: the city's latest published addition version
     * based on the province's latest published version, or the province's version itself when the city has
     * none. Empty when the province has published nothing yet.
     */
    public Mono<UUID> currentVersionFor(String cityCode) {
        // The rule is the database function (V98), so the record's creation can ask it in its task read.
        return db.sql("SELECT current_checklist_version(:city) AS id")
                .bind("city", cityCode)
                .map(r -> r.get("id", UUID.class))
                .one();
    }

    /**
     * The items a unit of {@code keyIndustry} is checked against under {@code versionId}: for each of the ten
     * items the industry's own list (the general list for OTHER or a missing industry row), then the city's
     * additions that apply to the industry. A city version is only usable by its own city; an unknown,
     * unpublished or foreign version yields an empty flux.
     *
     * @param keyIndustry a {@link KeyIndustry} name; null or unknown means the general list
     */
    public Flux<ChecklistItemView> itemsFor(UUID versionId, String keyIndustry, String cityCode) {
        KeyIndustry industry = parse(keyIndustry);
        ItemsKey key = new ItemsKey(versionId, industry, cityCode);
        return Flux.defer(() -> {
            List<ChecklistItemView> cached = publishedItems.getIfPresent(key);
            if (cached != null) {
                return Flux.fromIterable(cached);
            }
            return readItems(versionId, industry, cityCode).collectList().flatMapMany(items -> {
                if (!items.isEmpty()) {
                    publishedItems.put(key, List.copyOf(items));
                }
                return Flux.fromIterable(items);
            });
        });
    }

    private Flux<ChecklistItemView> readItems(UUID versionId, KeyIndustry industry, String cityCode) {
        return db.sql(
                        "SELECT id, based_on, division_code FROM checklist_version WHERE id = :id AND status = 'PUBLISHED'")
                .bind("id", versionId)
                .map(r -> new VersionRef(
                        r.get("id", UUID.class), r.get("based_on", UUID.class), r.get("division_code", String.class)))
                .one()
                .filter(v -> v.basedOn() == null || v.divisionCode().equals(cityCode))
                .flatMapMany(v -> v.basedOn() == null
                        ? baseItems(v.id(), industry)
                        : baseItems(v.basedOn(), industry).concatWith(additions(v.id(), industry)));
    }

    Flux<ChecklistItemView> baseItems(UUID versionId, KeyIndustry industry) {
        boolean own = industry != null && industry.hasOwnList();
        String sql = "SELECT DISTINCT ON (item_no) " + ChecklistRows.ITEM_COLUMNS
                + " FROM checklist_item WHERE version_id = :version AND item_no <= 10 AND "
                + (own ? "(key_industry = :industry OR key_industry IS NULL)" : "key_industry IS NULL")
                + " ORDER BY item_no, key_industry NULLS LAST";
        var spec = db.sql(sql).bind("version", versionId);
        if (own) {
            spec = spec.bind("industry", industry.name());
        }
        return spec.map(rows::item).all();
    }

    Flux<ChecklistItemView> additions(UUID versionId, KeyIndustry industry) {
        boolean own = industry != null && industry.hasOwnList();
        String sql = "SELECT " + ChecklistRows.ITEM_COLUMNS + " FROM checklist_item WHERE version_id = :version AND "
                + (own ? "(key_industry = :industry OR key_industry IS NULL)" : "key_industry IS NULL")
                + " ORDER BY item_no, code";
        var spec = db.sql(sql).bind("version", versionId);
        if (own) {
            spec = spec.bind("industry", industry.name());
        }
        return spec.map(rows::item).all();
    }

    private static KeyIndustry parse(String keyIndustry) {
        if (keyIndustry == null) {
            return null;
        }
        try {
            return KeyIndustry.valueOf(keyIndustry);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record VersionRef(UUID id, UUID basedOn, String divisionCode) {}

    /** The parsed industry (null: the general list) so "OTHER", an unknown name and null share one entry. */
    private record ItemsKey(UUID versionId, KeyIndustry industry, String cityCode) {}
}
