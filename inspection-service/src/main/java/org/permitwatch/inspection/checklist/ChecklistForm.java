package org.permitwatch.inspection.checklist;

import java.util.List;

/**
 * The printable checklist (附件2 排污许可执法检查清单) as an inspector takes it on site: a header naming the unit, one
 * block per check item with a row per sub-point, and tick boxes 是 / 否 / 不涉及 plus 备注 for each row. Built once and
 * rendered as XLSX ({@link ChecklistFormXlsx}) or PDF ({@link ChecklistFormPdf}), so both print the same content.
 *
 * @param title        the version's title, e.g. 山西省排污许可执法检查清单（第1版）
 * @param versionLabel code and version number, printed so a filled-in paper form names the version it used
 * @param unit         the unit the form is pre-filled for; blank lines when null
 * @param industryLabel which list the items come from (e.g. 焦化 or 通用)
 * @param items        the applicable items in order
 */
record ChecklistForm(String title, String versionLabel, Unit unit, String industryLabel, List<Item> items) {

    ChecklistForm {
        items = List.copyOf(items);
    }

    /** Labels of the result tick boxes, in column order. */
    static final List<String> RESULTS = List.of("是", "否", "不涉及");

    /** The tick box printed in each result column (U+25A1, in GB 2312 and so in the shipped font). */
    static final String BOX = "□";

    /** Column headers of the table (附件2 layout). */
    static final List<String> COLUMNS = List.of("序号", "检查项目", "检查要点", "是", "否", "不涉及", "备注");

    /** The form's printed heading. */
    static final String HEADING = "排污许可执法检查清单";

    /** Fill-in lines of the footer, each printed as label + a blank to sign or write on. */
    static final List<String> SIGNATURES = List.of("检查人员（签字）", "执法证号", "被检查单位现场负责人（签字）");

    /**
     * The unit a form is pre-filled for (from the task and the directory projection).
     *
     * @param inspectors names of the task's inspectors; the signature line stays blank for them to sign
     */
    record Unit(
            String unitName, String permitNumber, String industry, String managementCategory, List<String> inspectors) {

        Unit {
            inspectors = List.copyOf(inspectors);
        }
    }

    /**
     * One check item: its number, title and what the officer needs to know to cite it.
     *
     * @param number  the item's printed number (1–10, city additions ≥ 100)
     * @param basis   legal basis, printed small under the title
     */
    record Item(int number, String title, String basis, List<Point> points) {

        Item {
            points = List.copyOf(points);
        }
    }

    /** One sub-point: what to check and the article and 项 that punishes a failure of it. */
    record Point(String code, String text, String article) {}

    /** The header lines (label, value); an empty value prints as a blank line to write on. */
    List<String[]> headerFields() {
        return List.of(
                new String[] {"被检查单位名称", unit == null ? "" : unit.unitName()},
                new String[] {"排污许可证编号", unit == null ? "" : unit.permitNumber()},
                new String[] {"行业类别", unit == null ? industryLabel : nullToEmpty(unit.industry())},
                new String[] {"管理类别", unit == null ? "" : nullToEmpty(unit.managementCategory())},
                new String[] {"检查时间", "      年    月    日    时    分"},
                new String[] {"检查人员", unit == null ? "" : String.join("、", unit.inspectors())});
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
