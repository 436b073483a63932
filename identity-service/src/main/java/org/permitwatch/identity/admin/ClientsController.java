package org.permitwatch.identity.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clients")
@Tag(
        name = "clients",
        description = "City systems (client credentials): PROVINCE any division of its province,"
                + " CITY its own city and counties")
public class ClientsController {

    private final ClientAdministration clients;

    public ClientsController(ClientAdministration clients) {
        this.clients = clients;
    }

    @GetMapping
    @Operation(summary = "City-system clients of the caller's division, paged")
    public PageResponse<ClientAdministration.View> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            Authentication auth) {
        return clients.list(AdminCaller.of(auth), Paging.of(page, size));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a city system; the answer carries clientSecret, shown this once")
    public ClientAdministration.View create(
            @Valid @RequestBody ClientAdministration.Create body, Authentication auth, HttpServletRequest request) {
        return clients.create(AdminCaller.of(auth), body, request.getRemoteAddr());
    }

    @PostMapping("/{clientId}/rotate-secret")
    @Operation(summary = "Replace the secret; the answer carries the new one, shown this once")
    public ClientAdministration.View rotateSecret(
            @PathVariable String clientId, Authentication auth, HttpServletRequest request) {
        return clients.rotateSecret(AdminCaller.of(auth), clientId, request.getRemoteAddr());
    }

    @PostMapping("/{clientId}/disable")
    @Operation(summary = "Disable a city system: its secret stops working and its authorizations are removed")
    public ClientAdministration.View disable(
            @PathVariable String clientId, Authentication auth, HttpServletRequest request) {
        return clients.disable(AdminCaller.of(auth), clientId, request.getRemoteAddr());
    }
}
