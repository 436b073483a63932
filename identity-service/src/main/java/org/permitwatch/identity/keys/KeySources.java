package org.permitwatch.identity.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;

/**
 * Two views of {@link SigningKeyStore}: the JWKS (every published public key) and the signer's (the active key only —
 * Spring's encoder refuses to choose between several RS256 keys).
 */
public final class KeySources {

    private KeySources() {}

    public static JWKSource<SecurityContext> published(SigningKeyStore store) {
        return (JWKSelector selector, SecurityContext context) -> selector.select(new JWKSet(store.publishedKeys()));
    }

    public static JWKSource<SecurityContext> signing(SigningKeyStore store) {
        return (JWKSelector selector, SecurityContext context) ->
                selector.select(new JWKSet(List.<JWK>of(store.activeKey())));
    }
}
