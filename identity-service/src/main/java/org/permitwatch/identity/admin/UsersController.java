package org.permitwatch.identity.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.UUID;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.SortParam;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(
        name = "users",
        description = "People: PROVINCE manages PROVINCE and CITY users of its province; CITY manages"
                + " COUNTY users of its counties and INSPECTOR users of its city and counties")
public class UsersController {

    private final UserAdministration users;

    public UsersController(UserAdministration users) {
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "Users the caller manages, paged and filtered")
    public PageResponse<UserView> list(
            @Parameter(description = "part of the username or display name") @RequestParam(required = false) String q,
            @RequestParam(required = false) Role role,
            @Parameter(description = "division code; its sub-divisions are included") @RequestParam(required = false)
                    String division,
            @RequestParam(required = false) Boolean enabled,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) @SortParam(UserSort.class) String sort,
            Authentication auth) {
        return users.list(AdminCaller.of(auth), q, role, division, enabled, sort, Paging.of(page, size));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a user; the password is temporary (changed at the first sign-in)")
    public UserView create(
            @Valid @RequestBody UserRequests.Create body, Authentication auth, HttpServletRequest request) {
        return users.create(AdminCaller.of(auth), body, request.getRemoteAddr());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One user")
    public UserView get(@PathVariable UUID id, Authentication auth) {
        return users.get(AdminCaller.of(auth), id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change display name, phone, e-mail, PII right or TOTP requirement")
    public UserView update(
            @PathVariable UUID id,
            @Valid @RequestBody UserRequests.Update body,
            Authentication auth,
            HttpServletRequest request) {
        return users.update(AdminCaller.of(auth), id, body, request.getRemoteAddr());
    }

    @PostMapping("/{id}/disable")
    @Operation(summary = "Disable a user and revoke every authorization and session of theirs (not oneself)")
    public UserView disable(@PathVariable UUID id, Authentication auth, HttpServletRequest request) {
        return users.disable(AdminCaller.of(auth), id, request.getRemoteAddr());
    }

    @PostMapping("/{id}/enable")
    @Operation(summary = "Enable a disabled user")
    public UserView enable(@PathVariable UUID id, Authentication auth, HttpServletRequest request) {
        return users.enable(AdminCaller.of(auth), id, request.getRemoteAddr());
    }

    @PostMapping("/{id}/unlock")
    @Operation(summary = "Lift a lockout after repeated failed sign-ins")
    public UserView unlock(@PathVariable UUID id, Authentication auth, HttpServletRequest request) {
        return users.unlock(AdminCaller.of(auth), id, request.getRemoteAddr());
    }

    @PostMapping("/{id}/reset-password")
    @Operation(summary = "Set a temporary password (policy and history apply; changed at the next sign-in)")
    public UserView resetPassword(
            @PathVariable UUID id,
            @Valid @RequestBody UserRequests.ResetPassword body,
            Authentication auth,
            HttpServletRequest request) {
        return users.resetPassword(AdminCaller.of(auth), id, body.password(), request.getRemoteAddr());
    }

    @PostMapping("/{id}/reset-totp")
    @Operation(summary = "Forget the TOTP secret; the user enrols again at the next sign-in")
    public UserView resetTotp(@PathVariable UUID id, Authentication auth, HttpServletRequest request) {
        return users.resetTotp(AdminCaller.of(auth), id, request.getRemoteAddr());
    }
}
