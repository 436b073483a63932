package org.permitwatch.inspection.checklist;

import io.r2dbc.spi.Readable;
import java.util.List;
import java.util.UUID;
import org.permitwatch.events.vocabulary.ViolationType;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Maps {@code checklist_item} rows (selected with {@link #ITEM_COLUMNS}) to views. */
@Component
class ChecklistRows {

    static final String ITEM_COLUMNS =
            "id, version_id, item_no, key_industry, code, title, sub_points::text AS sub_points, "
                    + "legal_basis, check_method, evidence_required::text AS evidence_required, violation_type, article";

    private static final TypeReference<List<ChecklistItemView.SubPoint>> SUB_POINTS = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JsonMapper json;

    ChecklistRows(JsonMapper json) {
        this.json = json;
    }

    ChecklistItemView item(Readable row) {
        String industry = row.get("key_industry", String.class);
        return new ChecklistItemView(
                row.get("id", UUID.class),
                row.get("version_id", UUID.class),
                row.get("item_no", Integer.class),
                industry == null ? null : KeyIndustry.valueOf(industry),
                row.get("code", String.class),
                row.get("title", String.class),
                json.readValue(row.get("sub_points", String.class), SUB_POINTS),
                row.get("legal_basis", String.class),
                CheckMethod.valueOf(row.get("check_method", String.class)),
                json.readValue(row.get("evidence_required", String.class), STRINGS),
                ViolationType.valueOf(row.get("violation_type", String.class)),
                row.get("article", String.class));
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }
}
