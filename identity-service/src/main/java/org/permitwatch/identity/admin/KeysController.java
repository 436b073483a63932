package org.permitwatch.identity.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.permitwatch.identity.audit.AuditTrail;
import org.permitwatch.identity.keys.SigningKey;
import org.permitwatch.identity.keys.SigningKeyStore;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/keys")
@Tag(name = "keys", description = "Token signing keys (PROVINCE only)")
public class KeysController {

    private final SigningKeyStore keys;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;

    public KeysController(SigningKeyStore keys, AuditTrail audit, TransactionTemplate transaction) {
        this.keys = keys;
        this.audit = audit;
        this.transaction = transaction;
    }

    @GetMapping
    @Operation(summary = "Signing keys, newest first (never the private part)")
    public PageResponse<SigningKey> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            Authentication auth) {
        requireProvince(AdminCaller.of(auth));
        Paging paging = Paging.of(page, size);
        List<SigningKey> all = keys.list();
        int from = (int) Math.min(all.size(), paging.offset());
        int to = Math.min(all.size(), from + paging.size());
        return paging.page(all.subList(from, to), all.size());
    }

    @PostMapping("/rotate")
    @Operation(summary = "Retire the active key (it stays in the JWKS until its tokens expire) and activate a new one")
    public SigningKey rotate(Authentication auth, HttpServletRequest request) {
        AdminCaller caller = AdminCaller.of(auth);
        requireProvince(caller);
        return transaction.execute(status -> {
            SigningKey key = keys.rotate();
            audit.record(
                    caller.actor(),
                    caller.division().value(),
                    "key.rotate",
                    key.kid(),
                    caller.division().value(),
                    AuditTrail.SUCCESS,
                    request.getRemoteAddr(),
                    Map.of());
            return key;
        });
    }

    private static void requireProvince(AdminCaller caller) {
        if (!DivisionRules.mayManageKeys(caller)) {
            throw ApiException.forbidden(ProblemCodes.FORBIDDEN, "only PROVINCE manages signing keys");
        }
    }
}
