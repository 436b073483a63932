package org.permitwatch.permitsync.directory;

import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Column list and row mapping of {@code directory_unit}, shared by the writer and the queries. */
@Component
class UnitRows {

    static final String COLUMNS = """
            permit_no, uscc, unit_name, province_code, city_code, county_code, industry_code, industry_name,
            key_industry, management_category, status, issue_date, valid_from, valid_to, issuing_authority,
            without_permit, source_type, positive_list, address, legal_representative, longitude, latitude,
            outlets::text AS outlets_json, obligations::text AS obligations_json, last_inspected_at, violation_count,
            version, platform_updated_at, changed_at""";

    /** What {@link DirectoryViews.UnitSummary} shows, nothing more (no jsonb to read and parse). */
    static final String SUMMARY_COLUMNS = """
            permit_no, uscc, unit_name, province_code, city_code, county_code, industry_code, industry_name,
            key_industry, management_category, status, valid_to, without_permit, source_type, positive_list, version""";

    private static final TypeReference<List<DirectoryUnitSnapshot.Outlet>> OUTLETS = new TypeReference<>() {};

    private final JsonMapper json;

    UnitRows(JsonMapper json) {
        this.json = json;
    }

    DirectoryUnit map(Readable row) {
        String outlets = row.get("outlets_json", String.class);
        String obligations = row.get("obligations_json", String.class);
        Integer violations = row.get("violation_count", Integer.class);
        return new DirectoryUnit(
                row.get("permit_no", String.class),
                row.get("uscc", String.class),
                row.get("unit_name", String.class),
                row.get("province_code", String.class),
                row.get("city_code", String.class),
                row.get("county_code", String.class),
                row.get("industry_code", String.class),
                row.get("industry_name", String.class),
                KeyIndustry.valueOf(row.get("key_industry", String.class)),
                ManagementCategory.valueOf(row.get("management_category", String.class)),
                PermitStatus.valueOf(row.get("status", String.class)),
                row.get("issue_date", LocalDate.class),
                row.get("valid_from", LocalDate.class),
                row.get("valid_to", LocalDate.class),
                row.get("issuing_authority", String.class),
                Boolean.TRUE.equals(row.get("without_permit", Boolean.class)),
                SourceType.valueOf(row.get("source_type", String.class)),
                Boolean.TRUE.equals(row.get("positive_list", Boolean.class)),
                row.get("address", String.class),
                row.get("legal_representative", String.class),
                row.get("longitude", Double.class),
                row.get("latitude", Double.class),
                outlets == null ? List.of() : json.readValue(outlets, OUTLETS),
                obligations == null ? Obligations.empty() : json.readValue(obligations, Obligations.class),
                row.get("last_inspected_at", OffsetDateTime.class),
                violations == null ? 0 : violations,
                row.get("version", Long.class),
                row.get("platform_updated_at", OffsetDateTime.class),
                row.get("changed_at", OffsetDateTime.class));
    }

    static DirectoryViews.UnitSummary summary(Readable row) {
        return new DirectoryViews.UnitSummary(
                row.get("permit_no", String.class),
                row.get("uscc", String.class),
                row.get("unit_name", String.class),
                row.get("province_code", String.class),
                row.get("city_code", String.class),
                row.get("county_code", String.class),
                row.get("industry_code", String.class),
                row.get("industry_name", String.class),
                KeyIndustry.valueOf(row.get("key_industry", String.class)),
                ManagementCategory.valueOf(row.get("management_category", String.class)),
                PermitStatus.valueOf(row.get("status", String.class)),
                row.get("valid_to", LocalDate.class),
                Boolean.TRUE.equals(row.get("without_permit", Boolean.class)),
                SourceType.valueOf(row.get("source_type", String.class)),
                Boolean.TRUE.equals(row.get("positive_list", Boolean.class)),
                row.get("version", Long.class));
    }

    String outletsJson(DirectoryUnit unit) {
        return json.writeValueAsString(unit.outlets());
    }

    String obligationsJson(DirectoryUnit unit) {
        return json.writeValueAsString(unit.obligations());
    }
}
