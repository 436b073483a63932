package org.permitwatch.identity.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.permitwatch.support.security.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A bearer token of this provider as the admin API's caller: {@code ROLE_<role>} authorities from {@code roles}. */
public final class AdminAuthorities {

    private AdminAuthorities() {}

    public static JwtAuthenticationToken convert(Jwt jwt) {
        Collection<GrantedAuthority> authorities = new ArrayList<>();
        Object roles = jwt.getClaim("roles");
        if (roles instanceof Collection<?> values) {
            for (Object value : values) {
                Role.fromClaim(String.valueOf(value))
                        .ifPresent(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
            }
        }
        List<String> scopes = jwt.getClaimAsStringList("scope");
        if (scopes != null) {
            scopes.forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }
}
