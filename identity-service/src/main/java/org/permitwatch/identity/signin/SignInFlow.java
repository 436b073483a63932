package org.permitwatch.identity.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.permitwatch.identity.user.UserAccount;
import org.permitwatch.identity.user.UserRepository;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * After the password: either the user is signed in at once, or a {@link PendingSignIn} goes into the session and the
 * browser is sent to the next step (TOTP, TOTP enrolment, forced password change). The signed-in authentication is a
 * plain {@code UsernamePasswordAuthenticationToken} with a {@link User} principal: SAS stores it in
 * {@code oauth2_authorization.attributes} through its JSON allow-list, which knows these types and not ours.
 */
public class SignInFlow implements AuthenticationSuccessHandler {

    public static final String SIGNED_IN = "ROLE_USER";
    public static final String TOTP_AUTHORITY = "FACTOR_TOTP";
    /** A pending step older than this starts over at the password. */
    static final Duration PENDING_TTL = Duration.ofMinutes(5);

    private final SignInService signIn;
    private final UserRepository users;
    private final SecurityContextRepository contexts;
    private final Clock clock;
    private final RequestCache requestCache = new HttpSessionRequestCache();
    private final RedirectStrategy redirect = new DefaultRedirectStrategy();

    public SignInFlow(SignInService signIn, UserRepository users, SecurityContextRepository contexts, Clock clock) {
        this.signIn = signIn;
        this.users = users;
        this.contexts = contexts;
        this.clock = clock;
    }

    /** Form login succeeded (password right): never keep that as the signed-in context. */
    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
            throws IOException {
        PasswordStep.PasswordVerified verified = (PasswordStep.PasswordVerified) auth.getPrincipal();
        SecurityContext empty = SecurityContextHolder.createEmptyContext();
        SecurityContextHolder.setContext(empty);
        contexts.saveContext(empty, request, response);
        UserAccount user = users.findById(verified.userId()).orElseThrow();
        PendingSignIn pending = new PendingSignIn(user.id(), user.username(), clock.instant(), null);
        request.getSession().setAttribute(PendingSignIn.SESSION_ATTRIBUTE, pending);
        next(request, response, user, List.of("password"));
    }

    /** Sends the browser to the step the user still owes, or completes the sign-in. */
    void next(HttpServletRequest request, HttpServletResponse response, UserAccount user, List<String> factorsDone)
            throws IOException {
        if (user.needsTotp() && !factorsDone.contains("totp")) {
            redirect.sendRedirect(request, response, user.totpEnrolled() ? "/login/totp" : "/login/totp/enroll");
            return;
        }
        if (user.mustChangePassword()) {
            HttpSession session = request.getSession();
            session.setAttribute(FACTORS_ATTRIBUTE, List.copyOf(factorsDone));
            redirect.sendRedirect(request, response, "/login/password");
            return;
        }
        complete(request, response, user, factorsDone);
    }

    static final String FACTORS_ATTRIBUTE = SignInFlow.class.getName() + ".factors";

    void complete(HttpServletRequest request, HttpServletResponse response, UserAccount user, List<String> factors)
            throws IOException {
        UserAccount signedIn = signIn.complete(user.id(), remote(request), factors);
        PendingSignIn pending = pending(request);
        HttpSession session = request.getSession();
        session.removeAttribute(PendingSignIn.SESSION_ATTRIBUTE);
        session.removeAttribute(FACTORS_ATTRIBUTE);
        // A new session id at the moment the user becomes authenticated (session fixation).
        request.changeSessionId();
        // Factor authorities carry the time of each factor: SAS takes the ID token's auth_time from them.
        Instant now = clock.instant();
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(SIGNED_IN));
        authorities.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                .issuedAt(pending == null ? now : pending.passwordVerifiedAt())
                .build());
        if (factors.contains("totp")) {
            authorities.add(FactorGrantedAuthority.withAuthority(TOTP_AUTHORITY)
                    .issuedAt(now)
                    .build());
        }
        User principal = new User(signedIn.username(), "", authorities);
        UsernamePasswordAuthenticationToken authentication =
                UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        authentication.setDetails(new WebAuthenticationDetails(request));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        SavedRequest saved = requestCache.getRequest(request, response);
        if (saved != null) {
            requestCache.removeRequest(request, response);
            redirect.sendRedirect(request, response, saved.getRedirectUrl());
        } else {
            redirect.sendRedirect(request, response, "/");
        }
    }

    /** The pending sign-in of this session, unless it is missing or too old. */
    PendingSignIn pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Object value = session.getAttribute(PendingSignIn.SESSION_ATTRIBUTE);
        if (value instanceof PendingSignIn pending
                && pending.passwordVerifiedAt().plus(PENDING_TTL).isAfter(clock.instant())) {
            return pending;
        }
        session.removeAttribute(PendingSignIn.SESSION_ATTRIBUTE);
        return null;
    }

    static String remote(Object details) {
        return PasswordStep.remoteOf(details);
    }

    static String remote(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
