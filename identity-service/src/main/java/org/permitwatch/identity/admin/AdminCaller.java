package org.permitwatch.identity.admin;

import java.util.List;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.ApiArea;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who calls the admin API, from a token the platform's TokenPolicy accepted. A token that names API areas (a city
 * system's) may call only those areas, and administration is none of them: such a caller is refused.
 *
 * @param subject the token's {@code sub} (a user id, an inspector id, or a CLI subject)
 * @param actor   how the audit names the caller: the username when the token has one, else the subject
 */
public record AdminCaller(String subject, String actor, Role role, DivisionCode division) {

    public static AdminCaller of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw ApiException.unauthorized("a bearer token of this provider is required");
        }
        Jwt jwt = token.getToken();
        List<String> scopes = jwt.getClaimAsStringList("scope");
        if (scopes != null && scopes.stream().anyMatch(ApiArea::isAreaScope)) {
            throw ApiException.forbidden(
                    ProblemCodes.FORBIDDEN, "a token limited to API areas (scope) cannot administer identities");
        }
        List<String> roles = jwt.getClaimAsStringList("roles");
        // TokenPolicy guarantees a valid division and roles that fit it; a person holds exactly one role here.
        Role role = roles == null
                ? null
                : roles.stream()
                        .map(Role::fromClaim)
                        .flatMap(java.util.Optional::stream)
                        .findFirst()
                        .orElse(null);
        if (role == null) {
            throw ApiException.forbidden(ProblemCodes.FORBIDDEN, "the token has no role");
        }
        String username = jwt.getClaimAsString("preferred_username");
        return new AdminCaller(
                jwt.getSubject(),
                username == null ? jwt.getSubject() : username,
                role,
                DivisionCode.of(jwt.getClaimAsString("division")));
    }
}
