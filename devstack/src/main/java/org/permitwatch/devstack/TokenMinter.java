package org.permitwatch.devstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Signs RS256 tokens with the local private key: iss, aud, sub, iat and exp as the token policy (ADR 0004) requires. */
final class TokenMinter {

    private final RSAPrivateKey key;

    TokenMinter(RSAPrivateKey key) {
        this.key = key;
    }

    String mint(TokenRequest request, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(request.issuer())
                .audience(request.audience())
                .subject(request.subject())
                .claim("name", request.name())
                .claim("roles", request.roles())
                .claim("division", request.division())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(request.ttl())))
                .jwtID(UUID.randomUUID().toString());
        if (request.scope() != null && !request.scope().isBlank()) {
            claims.claim("scope", request.scope());
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign local token", e);
        }
        return jwt.serialize();
    }
}
