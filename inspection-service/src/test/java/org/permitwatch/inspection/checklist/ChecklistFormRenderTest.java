package org.permitwatch.inspection.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

/** The two renderers on a small form, read back with PDFBox and POI: text, layout, embedded font, odd characters. */
class ChecklistFormRenderTest {

    private static final ChecklistForm FORM = new ChecklistForm(
            "山西省排污许可执法检查清单（第1版）",
            "PWXK-QD-140000 第1版",
            new ChecklistForm.Unit(
                    "太原鑫焱焦化有限公司", "91140105MA0TEST001001P", "炼焦（2521） — 焦化", "重点管理", List.of("张三", "李四")),
            "焦化",
            List.of(
                    new ChecklistForm.Item(
                            1,
                            "是否依法申领排污许可证（持证排污）",
                            "《排污许可管理条例》第三十三条",
                            List.of(
                                    new ChecklistForm.Point("1.COKING.1", "许可证是否在有效期内", "第三十三条第（一）项"),
                                    new ChecklistForm.Point("1.COKING.2", "焦炉规模与许可证载明是否一致", "第三十三条第（四）项"))),
                    new ChecklistForm.Item(
                            5,
                            "是否按规定开展自行监测",
                            null,
                            List.of(new ChecklistForm.Point("5.COKING.1", "自动监测设备是否与生态环境主管部门联网", "第三十六条第（四）项")))));

    static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** Text without white space: table cells wrap lines wherever the column ends. */
    static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Test
    void pdfCarriesEveryFieldItemAndSubPointInAnEmbeddedChineseFont() throws Exception {
        byte[] pdf = ChecklistFormPdf.render(FORM);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        String text = squeeze(pdfText(pdf));
        assertThat(text)
                .contains(
                        "排污许可执法检查清单",
                        "被检查单位名称：太原鑫焱焦化有限公司",
                        "排污许可证编号：91140105MA0TEST001001P",
                        "管理类别：重点管理",
                        "检查人员：张三、李四",
                        "序号检查项目检查要点是否不涉及备注",
                        "（1）许可证是否在有效期内",
                        "依据：第三十三条第（一）项",
                        "（2）焦炉规模与许可证载明是否一致",
                        "（1）自动监测设备是否与生态环境主管部门联网",
                        "依据：第三十六条第（四）项",
                        "检查人员（签字）：",
                        "被检查单位现场负责人（签字）：",
                        "PWXK-QD-140000第1版第1页");
        // One tick box per result column and sub-point: 3 columns × 3 sub-points = 9.
        assertThat(text.chars().filter(c -> c == '□').count()).isEqualTo(9);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFont font = doc.getPage(0)
                    .getResources()
                    .getFont(doc.getPage(0)
                            .getResources()
                            .getFontNames()
                            .iterator()
                            .next());
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.getName()).contains("WenQuanYi");
        }
        // Only the glyphs used are embedded: the form stays far below the 1.27 MB font.
        assertThat(pdf.length).isLessThan(200_000);
    }

    @Test
    void aCharacterOutsideTheFontPrintsAsABoxInsteadOfFailingTheForm() throws Exception {
        // 𠀀 (U+20000, CJK Extension B) is in no GB 2312 subset.
        assertThat(ChecklistFormPdf.printable("太原𠀀焦化")).isEqualTo("太原□焦化");
        ChecklistForm odd = new ChecklistForm(
                "清单", "X 第1版", new ChecklistForm.Unit("太原𠀀焦化有限公司", "P1", null, null, List.of()), "焦化", List.of());
        assertThat(squeeze(pdfText(ChecklistFormPdf.render(odd)))).contains("被检查单位名称：太原□焦化有限公司");
    }

    @Test
    void xlsxHasTheHeaderTheColumnsAndOneRowPerSubPointWithMergedItemCells() throws Exception {
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(ChecklistFormXlsx.render(FORM)))) {
            Sheet sheet = wb.getSheet(ChecklistFormXlsx.SHEET);
            DataFormatter f = new DataFormatter();
            assertThat(f.formatCellValue(sheet.getRow(0).getCell(0))).isEqualTo("排污许可执法检查清单");
            assertThat(f.formatCellValue(sheet.getRow(3).getCell(0))).isEqualTo("被检查单位名称：");
            assertThat(f.formatCellValue(sheet.getRow(3).getCell(2))).isEqualTo("太原鑫焱焦化有限公司");
            assertThat(f.formatCellValue(sheet.getRow(4).getCell(2))).isEqualTo("91140105MA0TEST001001P");
            // rows 0–1 title, 2 blank, 3–8 the six header fields, 9 blank, 10 the column header
            Row head = sheet.getRow(10);
            for (int c = 0; c < ChecklistForm.COLUMNS.size(); c++) {
                assertThat(f.formatCellValue(head.getCell(c))).isEqualTo(ChecklistForm.COLUMNS.get(c));
            }
            assertThat(f.formatCellValue(sheet.getRow(11).getCell(0))).isEqualTo("1");
            assertThat(f.formatCellValue(sheet.getRow(11).getCell(2))).isEqualTo("（1）许可证是否在有效期内\n依据：第三十三条第（一）项");
            assertThat(f.formatCellValue(sheet.getRow(12).getCell(2))).startsWith("（2）焦炉规模与许可证载明是否一致");
            assertThat(f.formatCellValue(sheet.getRow(13).getCell(0))).isEqualTo("5");
            for (int r = 11; r <= 13; r++) {
                for (int c = 3; c <= 5; c++) {
                    assertThat(f.formatCellValue(sheet.getRow(r).getCell(c))).isEqualTo("□");
                }
            }
            // Item 1 has two sub-points: its 序号 and 检查项目 cells span rows 11–12.
            assertThat(sheet.getMergedRegions())
                    .anySatisfy(m -> assertThat(m.formatAsString()).isEqualTo("A12:A13"))
                    .anySatisfy(m -> assertThat(m.formatAsString()).isEqualTo("B12:B13"));
            assertThat(sheet.getRepeatingRows().formatAsString()).isEqualTo("11:11");
            assertThat(sheet.getPrintSetup().getPaperSize())
                    .isEqualTo(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
        }
    }
}
