package org.permitwatch.monitoring.point;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permitwatch.monitoring.point.PointSheet.Column;
import org.permitwatch.support.problem.ApiException;

class PointSheetTest {

    @Test
    void headersAreMatchedWhateverTheirCaseWidthSpacesAndRequiredMarks() {
        assertThat(Column.MN.headers).contains(PointSheet.headerKey(" 数采仪 ｍｎ号* "));
        assertThat(Column.PASSWORD.headers).contains(PointSheet.headerKey("访问密码（必填）"));
        assertThat(Column.PERMIT_NO.headers).contains(PointSheet.headerKey("排污许可证编号"));
        assertThat(Column.OUTLET_CODE.headers).doesNotContain(PointSheet.headerKey("排放口名称"));
    }

    @Test
    void csvQuotingBlankRowsAndSheetRowNumbersAreKept() {
        String csv = "企业名称,MN号,密码,排污许可证编号,排放口编号,监测因子\r\n"
                + "\"太原\"\"一\"\"电厂, 有限公司\",MN1,p1,P1,DA001,\"a21026,a21002\"\r\n"
                + ",,,,,\r\n"
                + "二厂,MN2,p2,P2,DA002,a34013\n";
        List<PointSheet.SheetRow> rows = PointSheet.read(csv.getBytes(StandardCharsets.UTF_8));
        // rows 2 and 4 of the sheet (row 3 is blank): the numbers a clerk sees in Excel
        assertThat(rows).extracting(PointSheet.SheetRow::number).containsExactly(2, 4);
        assertThat(rows.get(0).get(Column.POLLUTANTS)).isEqualTo("a21026,a21002");
        assertThat(rows.get(1).get(Column.MN)).isEqualTo("MN2");
        assertThat(PointSheet.csv("a,\"b\"\"c\",d")).containsExactly(List.of("a", "b\"c", "d"));
    }

    @Test
    void codesAreSplitAsProvincialSheetsSeparateThem() {
        assertThat(PointImporter.codes(" a21026、a21002，a34013; w01018  w21003 "))
                .containsExactly("a21026", "a21002", "a34013", "w01018", "w21003");
        assertThat(PointImporter.codes("  ")).isEmpty();
    }

    @Test
    void aFileWithoutRowsOrWithTooManyIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> PointSheet.read("MN号,密码,排污许可证编号,排放口编号,监测因子\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors()).extracting(p -> p.field()).containsExactly("file"));
        StringBuilder big = new StringBuilder("MN号,密码,排污许可证编号,排放口编号,监测因子\n");
        for (int i = 0; i <= PointSheet.MAX_ROWS; i++) {
            big.append("MN").append(i).append(",p,P1,DA001,a21026\n");
        }
        // 2,001 rows: one more than the limit
        assertThatThrownBy(() -> PointSheet.read(big.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getMessage()).contains("2000 rows"));
    }
}
