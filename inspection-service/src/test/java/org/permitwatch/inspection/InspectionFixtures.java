package org.permitwatch.inspection;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Directory units and inspectors inserted with SQL into the contract tables (the projection and the inspector
 * directory are other features), and a plan row as the console sends it: the preconditions of plan, task and list
 * tests.
 */
public final class InspectionFixtures {

    private InspectionFixtures() {}

    /** A KEY-category unit holding a valid permit, source type KEY, in {@code county}. */
    public static void unit(DatabaseClient db, String permit, String name, String county, String industry) {
        db.sql("""
                        INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event, uscc,
                               city_code, county_code, industry_code, key_industry, management_category, status,
                               without_permit, source_type, positive_list, version)
                        VALUES (:p, :name, :county, '{}'::jsonb, 'test', '91140100MA0000000X', :city, :county, '2521',
                                :industry, 'KEY', 'VALID', false, 'KEY', false, 3)""")
                .bind("p", permit)
                .bind("name", name)
                .bind("county", county)
                .bind("city", county.substring(0, 4) + "00")
                .bind("industry", industry)
                .then()
                .block();
    }

    public static UUID inspector(DatabaseClient db, String division, boolean onPost) {
        UUID id = UUID.randomUUID();
        db.sql("INSERT INTO inspector (id, certificate_no, name, division_code, on_post)"
                        + " VALUES (:id, :cert, '执法员', :d, :on)")
                .bind("id", id)
                .bind("cert", "CERT-" + id)
                .bind("d", division)
                .bind("on", onPost)
                .then()
                .block();
        return id;
    }

    public static void conflict(DatabaseClient db, UUID inspector, String permit) {
        db.sql("INSERT INTO inspector_conflict (inspector_id, permit_number, reason) VALUES (:i, :p, '亲属关系')")
                .bind("i", inspector)
                .bind("p", permit)
                .then()
                .block();
    }

    public static long count(DatabaseClient db, String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }

    public static String bearer(String role, String division) {
        return "Bearer " + TestJwts.token(role, division);
    }

    /** One row of 附件3 as the console sends it. */
    public static Map<String, Object> planRow(
            int rowNo, String industry, String category, double ratio, String period, int times) {
        return Map.ofEntries(
                Map.entry("rowNo", rowNo),
                Map.entry("keyIndustry", industry),
                Map.entry("category", category),
                Map.entry("method", "SAMPLING"),
                Map.entry("doubleRandom", "DOUBLE_RANDOM".equals(category)),
                Map.entry("ratio", ratio),
                Map.entry("frequencyPeriod", period),
                Map.entry("frequencyTimes", times),
                Map.entry("contentDaily", "排污许可证载明事项落实情况"),
                Map.entry("contentSpecial", "无组织排放专项检查"),
                Map.entry("operatingMethod", "两名执法人员现场核查台账与在线监测数据"),
                Map.entry("cooperatingAgencies", List.of("排污许可核发部门")));
    }
}
