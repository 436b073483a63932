package org.permitwatch.liaison.contact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.permitwatch.support.xlsx.XlsxStyles;

/**
 * 附件4 in the notice's layout: a title row, the header 序号 | 姓名 | 所在单位及职务 | 联系电话 | 备注, then one group row per
 * city (province contacts first) followed by that group's liaisons. 序号 runs through the whole list. The rows come
 * in already masked for the caller.
 */
final class LiaisonListWorkbook {

    static final String TITLE = "山西省排污许可清单式执法检查工作联络员名单";
    static final List<String> HEADER = List.of("序号", "姓名", "所在单位及职务", "联系电话", "备注");
    /** Group label of province contacts, which have no city. */
    static final String PROVINCE_GROUP = "省生态环境厅";

    private LiaisonListWorkbook() {}

    static byte[] render(List<ContactStore.Listed> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("联络员名单");
            CellStyle title = style(workbook, true, 16, false);
            CellStyle header = style(workbook, true, 11, true);
            CellStyle group = style(workbook, true, 11, true);
            CellStyle cell = style(workbook, false, 11, true);
            int[] widths = {8, 14, 40, 18, 30};
            for (int i = 0; i < widths.length; i++) {
                sheet.setColumnWidth(i, widths[i] * 256);
            }

            Row titleRow = sheet.createRow(0);
            titleRow.setHeightInPoints(30);
            titleRow.createCell(0).setCellValue(TITLE);
            titleRow.getCell(0).setCellStyle(title);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADER.size() - 1));

            Row headerRow = sheet.createRow(1);
            for (int i = 0; i < HEADER.size(); i++) {
                headerRow.createCell(i).setCellValue(HEADER.get(i));
                headerRow.getCell(i).setCellStyle(header);
            }

            int rowIndex = 2;
            int serial = 0;
            String currentGroup = null;
            for (ContactStore.Listed listed : rows) {
                String groupName = groupOf(listed);
                if (!Objects.equals(groupName, currentGroup)) {
                    currentGroup = groupName;
                    Row groupRow = sheet.createRow(rowIndex);
                    for (int i = 0; i < HEADER.size(); i++) {
                        groupRow.createCell(i).setCellStyle(group);
                    }
                    groupRow.getCell(0).setCellValue(groupName);
                    sheet.addMergedRegion(new CellRangeAddress(rowIndex, rowIndex, 0, HEADER.size() - 1));
                    rowIndex++;
                }
                ContactViews.Contact c = listed.contact();
                Row row = sheet.createRow(rowIndex++);
                row.createCell(0).setCellValue(++serial);
                row.createCell(1).setCellValue(c.personName());
                row.createCell(2)
                        .setCellValue(c.position() == null ? c.organisation() : c.organisation() + " " + c.position());
                row.createCell(3).setCellValue(c.phone() == null ? "" : c.phone());
                row.createCell(4).setCellValue(remarks(c));
                for (int i = 0; i < HEADER.size(); i++) {
                    row.getCell(i).setCellStyle(cell);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the liaison list", e);
        }
    }

    static String groupOf(ContactStore.Listed listed) {
        if (ContactRole.PROVINCE.name().equals(listed.contact().role())) {
            return PROVINCE_GROUP;
        }
        return listed.cityName() != null ? listed.cityName() : listed.contact().divisionCode();
    }

    /** 备注 names the body the liaison stands for, then the free remarks. */
    private static String remarks(ContactViews.Contact c) {
        String label = ContactRole.parse(c.role()).map(ContactRole::label).orElse(c.role());
        return c.remarks() == null ? label : label + "；" + c.remarks();
    }

    private static CellStyle style(XSSFWorkbook workbook, boolean bold, int points, boolean bordered) {
        return XlsxStyles.style(workbook, bold, points, bordered, HorizontalAlignment.CENTER);
    }
}
