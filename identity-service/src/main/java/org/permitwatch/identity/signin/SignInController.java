package org.permitwatch.identity.signin;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.permitwatch.identity.config.IdentityProperties;
import org.permitwatch.identity.user.UserAccount;
import org.permitwatch.identity.user.UserRepository;
import org.permitwatch.support.totp.Base32;
import org.permitwatch.support.totp.Totp;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Chinese sign-in pages (templates/*.html): password, TOTP, TOTP enrolment, forced password change. */
@Controller
@Hidden
public class SignInController {

    private final SignInFlow flow;
    private final SignInService signIn;
    private final UserRepository users;
    private final IdentityProperties properties;

    public SignInController(
            SignInFlow flow, SignInService signIn, UserRepository users, IdentityProperties properties) {
        this.flow = flow;
        this.signIn = signIn;
        this.users = users;
        this.properties = properties;
    }

    @GetMapping("/login")
    public String login() {
        return "login";
    }

    @GetMapping("/")
    public String home() {
        return "home";
    }

    @GetMapping("/login/totp")
    public String totpPage(HttpServletRequest request) {
        return flow.pending(request) == null ? "redirect:/login?expired" : "totp";
    }

    @PostMapping("/login/totp")
    public String totp(
            @RequestParam(required = false) String code, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        PendingSignIn pending = flow.pending(request);
        if (pending == null) {
            return "redirect:/login?expired";
        }
        UserAccount user;
        try {
            user = signIn.totp(pending.userId(), code, SignInFlow.remote(request));
        } catch (LockedException e) {
            request.getSession().removeAttribute(PendingSignIn.SESSION_ATTRIBUTE);
            return "redirect:/login?locked";
        } catch (AuthenticationException e) {
            return "redirect:/login/totp?error";
        }
        flow.next(request, response, user, List.of("password", "totp"));
        return null;
    }

    @GetMapping("/login/totp/enroll")
    public String enrolPage(HttpServletRequest request, Model model) {
        PendingSignIn pending = flow.pending(request);
        if (pending == null) {
            return "redirect:/login?expired";
        }
        if (pending.enrolmentSecret() == null) {
            pending = pending.withEnrolmentSecret(Totp.newSecret());
            request.getSession().setAttribute(PendingSignIn.SESSION_ATTRIBUTE, pending);
        }
        model.addAttribute("secret", group(Base32.encode(pending.enrolmentSecret())));
        model.addAttribute("uri", Totp.uri("PermitWatch", pending.username(), pending.enrolmentSecret()));
        model.addAttribute("issuer", properties.issuer());
        return "totp-enroll";
    }

    @PostMapping("/login/totp/enroll")
    public String enrol(
            @RequestParam(required = false) String code, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        PendingSignIn pending = flow.pending(request);
        if (pending == null || pending.enrolmentSecret() == null) {
            return "redirect:/login?expired";
        }
        UserAccount user;
        try {
            user = signIn.enrol(pending.userId(), pending.enrolmentSecret(), code, SignInFlow.remote(request));
        } catch (LockedException e) {
            request.getSession().removeAttribute(PendingSignIn.SESSION_ATTRIBUTE);
            return "redirect:/login?locked";
        } catch (AuthenticationException e) {
            return "redirect:/login/totp/enroll?error";
        }
        flow.next(request, response, user, List.of("password", "totp"));
        return null;
    }

    @GetMapping("/login/password")
    public String passwordPage(HttpServletRequest request) {
        return flow.pending(request) == null ? "redirect:/login?expired" : "password";
    }

    @PostMapping("/login/password")
    public String changePassword(
            @RequestParam(required = false) String current,
            @RequestParam(required = false) String password,
            @RequestParam(required = false) String confirm,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        PendingSignIn pending = flow.pending(request);
        if (pending == null) {
            return "redirect:/login?expired";
        }
        List<String> problems = new ArrayList<>();
        if (password == null || !password.equals(confirm)) {
            problems.add("两次输入的新口令不一致");
        } else {
            problems.addAll(signIn.changePassword(pending.userId(), current, password, SignInFlow.remote(request)));
        }
        if (!problems.isEmpty()) {
            model.addAttribute("problems", problems);
            return "password";
        }
        @SuppressWarnings("unchecked")
        List<String> factors = (List<String>) request.getSession().getAttribute(SignInFlow.FACTORS_ATTRIBUTE);
        UserAccount user = users.findById(pending.userId()).orElseThrow();
        flow.complete(request, response, user, factors == null ? List.of("password") : factors);
        return null;
    }

    /** "ABCD EFGH ..." is easier to type into a phone than 32 letters in a row. */
    static String group(String base32) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < base32.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(base32, i, Math.min(base32.length(), i + 4));
        }
        return out.toString();
    }
}
