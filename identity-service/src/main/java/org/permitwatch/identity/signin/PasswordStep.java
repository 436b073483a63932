package org.permitwatch.identity.signin;

import java.util.List;
import org.permitwatch.identity.user.UserAccount;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The form login's provider: checks the password through {@link SignInService} (lockout, audit). The token it returns
 * carries only {@link #PASSWORD_ONLY}; {@link SignInFlow} decides whether a further step follows before the user is
 * really signed in.
 */
public class PasswordStep implements AuthenticationProvider {

    public static final String PASSWORD_ONLY = "SIGNIN_PASSWORD_VERIFIED";

    private final SignInService signIn;

    public PasswordStep(SignInService signIn) {
        this.signIn = signIn;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null
                ? ""
                : authentication.getCredentials().toString();
        UserAccount user = signIn.password(username, password, SignInFlow.remote(authentication.getDetails()));
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
                new PasswordVerified(user.id(), user.username()),
                null,
                List.of(new SimpleGrantedAuthority(PASSWORD_ONLY)));
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The principal of a password-only authentication; never stored as a signed-in context. */
    public record PasswordVerified(java.util.UUID userId, String username) {
        @Override
        public String toString() {
            return username;
        }
    }

    static String remoteOf(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
