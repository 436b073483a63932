package org.permitwatch.identity.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;

class DivisionRulesTest {

    static AdminCaller caller(Role role, String division) {
        return new AdminCaller("s", "a", role, DivisionCode.of(division));
    }

    static DivisionCode d(String code) {
        return DivisionCode.of(code);
    }

    @Test
    void provinceManagesProvinceAndCityUsersOfItsProvince() {
        AdminCaller shanxi = caller(Role.PROVINCE, "140000");
        assertThat(DivisionRules.mayManageUser(shanxi, Role.CITY, d("140100"))).isTrue();
        assertThat(DivisionRules.mayManageUser(shanxi, Role.PROVINCE, d("140000")))
                .isTrue();
        assertThat(DivisionRules.mayManageUser(shanxi, Role.COUNTY, d("140105")))
                .isFalse();
        assertThat(DivisionRules.mayManageUser(shanxi, Role.INSPECTOR, d("140100")))
                .isFalse();
        // Hebei (13) is another province.
        assertThat(DivisionRules.mayManageUser(shanxi, Role.CITY, d("130100"))).isFalse();
    }

    @Test
    void cityManagesItsCountiesAndInspectors() {
        AdminCaller taiyuan = caller(Role.CITY, "140100");
        assertThat(DivisionRules.mayManageUser(taiyuan, Role.COUNTY, d("140105")))
                .isTrue(); // 小店区
        assertThat(DivisionRules.mayManageUser(taiyuan, Role.INSPECTOR, d("140100")))
                .isTrue();
        assertThat(DivisionRules.mayManageUser(taiyuan, Role.INSPECTOR, d("140105")))
                .isTrue();
        assertThat(DivisionRules.mayManageUser(taiyuan, Role.CITY, d("140100"))).isFalse();
        // 大同 (1402) is another city.
        assertThat(DivisionRules.mayManageUser(taiyuan, Role.COUNTY, d("140212")))
                .isFalse();
        assertThat(DivisionRules.mayManageUser(taiyuan, Role.INSPECTOR, d("140200")))
                .isFalse();
    }

    @Test
    void countyAndInspectorManageNobody() {
        assertThat(DivisionRules.manageableRoles(Role.COUNTY)).isEmpty();
        assertThat(DivisionRules.manageableRoles(Role.INSPECTOR)).isEmpty();
        assertThat(DivisionRules.mayManageClients(caller(Role.COUNTY, "140105")))
                .isFalse();
    }

    @Test
    void clients() {
        assertThat(DivisionRules.mayManageClient(caller(Role.PROVINCE, "140000"), d("140105")))
                .isTrue();
        assertThat(DivisionRules.mayManageClient(caller(Role.CITY, "140100"), d("140105")))
                .isTrue();
        assertThat(DivisionRules.mayManageClient(caller(Role.CITY, "140100"), d("140000")))
                .isFalse();
        assertThat(DivisionRules.clientRole(d("140000"))).isEqualTo(Role.PROVINCE);
        assertThat(DivisionRules.clientRole(d("140100"))).isEqualTo(Role.CITY);
        assertThat(DivisionRules.clientRole(d("140105"))).isEqualTo(Role.COUNTY);
        assertThat(DivisionRules.mayManageKeys(caller(Role.CITY, "140100"))).isFalse();
    }
}
