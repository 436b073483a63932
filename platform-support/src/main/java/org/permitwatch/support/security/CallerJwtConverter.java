package org.permitwatch.support.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.core.publisher.Mono;

/**
 * Turns a validated JWT into a {@link CallerAuthentication}. A token whose signature is fine but which lacks a
 * well-formed {@code division} or any known role is rejected as an invalid token (401): without them no data
 * scope can be computed, and failing closed beats guessing.
 */
public class CallerJwtConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    public static final String ROLES_CLAIM = "roles";
    public static final String DIVISION_CLAIM = "division";
    public static final String NAME_CLAIM = "name";
    public static final String SCOPE_CLAIM = "scope";
    public static final String SCOPE_PREFIX = "SCOPE_";

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        return Mono.fromCallable(() -> toAuthentication(jwt));
    }

    private CallerAuthentication toAuthentication(Jwt jwt) {
        String division = jwt.getClaimAsString(DIVISION_CLAIM);
        if (!DivisionCode.isValid(division)) {
            throw new InvalidBearerTokenException("token has no valid 'division' claim (6-digit division code)");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : stringList(jwt.getClaim(ROLES_CLAIM))) {
            Role.fromClaim(value).ifPresent(roles::add);
        }
        if (roles.isEmpty()) {
            throw new InvalidBearerTokenException("token has no known role in the 'roles' claim");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String value : stringList(jwt.getClaim(SCOPE_CLAIM))) {
            for (String scope : value.trim().split("\\s+")) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        scopes.forEach(scope -> authorities.add(new SimpleGrantedAuthority(SCOPE_PREFIX + scope)));
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidBearerTokenException("token has no subject");
        }
        String name = jwt.getClaimAsString(NAME_CLAIM);
        Caller caller = new Caller(subject, name == null ? subject : name, roles, DivisionCode.of(division), scopes);
        return new CallerAuthentication(jwt, authorities, caller);
    }

    /** A claim may be a JSON array or a single (space separated) string. */
    static List<String> stringList(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> collection) {
            collection.forEach(v -> {
                if (v != null) {
                    values.add(v.toString());
                }
            });
        } else if (claim instanceof String s) {
            for (String part : s.trim().split("[\\s,]+")) {
                if (!part.isEmpty()) {
                    values.add(part);
                }
            }
        }
        return values;
    }
}
