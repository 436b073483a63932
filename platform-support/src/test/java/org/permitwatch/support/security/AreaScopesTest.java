package org.permitwatch.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AreaScopesTest {

    @Test
    void tokensWithoutAreaScopesAreNotLimited() {
        assertThat(AreaScopes.permits(List.of(), ApiArea.INSPECTION, false)).isTrue();
        assertThat(AreaScopes.permits(List.of("openid", "profile", "pii:read"), ApiArea.REPORTING, false))
                .isTrue();
        // Not an area scope: a lookalike must not switch the limit on (nor grant anything).
        assertThat(AreaScopes.permits(List.of("inspection:admin"), null, false)).isTrue();
    }

    @Test
    void readCoversSafeMethodsOnly() {
        List<String> scopes = List.of("inspection:read");
        assertThat(AreaScopes.permits(scopes, ApiArea.INSPECTION, true)).isTrue();
        assertThat(AreaScopes.permits(scopes, ApiArea.INSPECTION, false)).isFalse();
    }

    @Test
    void writeIncludesRead() {
        List<String> scopes = List.of("liaison:write");
        assertThat(AreaScopes.permits(scopes, ApiArea.LIAISON, true)).isTrue();
        assertThat(AreaScopes.permits(scopes, ApiArea.LIAISON, false)).isTrue();
    }

    @Test
    void otherAreasAndComponentsOutsideEveryAreaAreRefused() {
        List<String> scopes = List.of("directory:read", "directory:write");
        assertThat(AreaScopes.permits(scopes, ApiArea.INSPECTION, true)).isFalse();
        assertThat(AreaScopes.permits(scopes, null, true)).isFalse();
    }

    @Test
    void safeMethods() {
        assertThat(List.of("GET", "HEAD", "OPTIONS")).allMatch(AreaScopes::isSafe);
        assertThat(List.of("POST", "PUT", "PATCH", "DELETE")).noneMatch(AreaScopes::isSafe);
    }

    @Test
    void scopeNames() {
        assertThat(ApiArea.DIRECTORY.readScope()).isEqualTo("directory:read");
        assertThat(ApiArea.area("reporting:write")).contains(ApiArea.REPORTING);
        assertThat(ApiArea.area("pii:read")).isEmpty();
        assertThat(ApiArea.area("monitoring:read")).contains(ApiArea.MONITORING);
        // five areas (directory, inspection, liaison, reporting, monitoring) × read/write
        assertThat(ApiArea.allScopes()).hasSize(10).contains("inspection:write", "liaison:read", "monitoring:write");
    }
}
