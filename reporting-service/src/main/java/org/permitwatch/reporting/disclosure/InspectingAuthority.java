package org.permitwatch.reporting.disclosure;

import org.permitwatch.reporting.catalog.DivisionNames;
import org.permitwatch.support.security.DivisionCode;
import org.springframework.stereotype.Component;

/**
 * The name of the bureau that inspects for a division (检查主体, part of 一公开): the province's 生态环境厅, a city's
 * 生态环境局, a county's branch of its city's bureau (e.g. 太原市生态环境局小店分局: county offices are 分局 of the city
 * bureau since the vertical reform of environmental agencies).
 */
@Component
class InspectingAuthority {

    private final DivisionNames names;

    InspectingAuthority(DivisionNames names) {
        this.names = names;
    }

    String of(String divisionCode) {
        if (!DivisionCode.isValid(divisionCode)) {
            return null;
        }
        DivisionCode code = DivisionCode.of(divisionCode);
        return switch (code.level()) {
            case PROVINCE -> names.nameOf(code.value()) + "生态环境厅";
            case CITY -> names.nameOf(code.value()) + "生态环境局";
            case COUNTY ->
                names.nameOf(code.cityCode().value()) + "生态环境局" + shortName(names.nameOf(code.value())) + "分局";
        };
    }

    /** 小店区 → 小店, 清徐县 → 清徐, 古交市 → 古交; a two-character name keeps its suffix (e.g. 城区 stays 城区). */
    private static String shortName(String county) {
        if (county == null || county.length() <= 2) {
            return county;
        }
        return county.replaceFirst("(区|县|市)$", "");
    }
}
