package org.permitwatch.identity.config;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import org.permitwatch.identity.admin.AuditQuery;
import org.permitwatch.identity.admin.ClientAdministration;
import org.permitwatch.identity.admin.UserAdministration;
import org.permitwatch.identity.audit.AuditTrail;
import org.permitwatch.identity.client.BuiltInClients;
import org.permitwatch.identity.client.ClientAccounts;
import org.permitwatch.identity.keys.KeyEncryption;
import org.permitwatch.identity.keys.KeyRotationJob;
import org.permitwatch.identity.keys.KeySources;
import org.permitwatch.identity.keys.SigningKeyStore;
import org.permitwatch.identity.signin.SignInFlow;
import org.permitwatch.identity.signin.SignInService;
import org.permitwatch.identity.token.RotatingRefreshTokens;
import org.permitwatch.identity.token.TokenClaims;
import org.permitwatch.identity.user.DemoUsers;
import org.permitwatch.identity.user.FirstAdministrator;
import org.permitwatch.identity.user.LockoutPolicy;
import org.permitwatch.identity.user.PasswordPolicy;
import org.permitwatch.identity.user.Passwords;
import org.permitwatch.identity.user.TotpSecrets;
import org.permitwatch.identity.user.UserRepository;
import org.permitwatch.support.security.TokenPolicy;
import org.permitwatch.support.security.TokenPolicyProperties;
import org.permitwatch.support.time.BureauClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import tools.jackson.databind.json.JsonMapper;

/** The provider's parts: stores on JDBC, keys under the KEK, token generation with the contract's claims. */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

    @Bean
    JdbcClient jdbcClient(JdbcOperations jdbc) {
        return JdbcClient.create(jdbc);
    }

    @Bean
    AuditTrail auditTrail(JdbcClient jdbc, JsonMapper json, BureauClock clock) {
        return new AuditTrail(jdbc, json, clock.clock());
    }

    @Bean
    KeyEncryption keyEncryption(IdentityProperties properties) {
        return new KeyEncryption(properties.keyEncryptionKey());
    }

    @Bean
    SigningKeyStore signingKeyStore(
            JdbcClient jdbc, KeyEncryption encryption, BureauClock clock, IdentityProperties p) {
        // A retired key stays published while a token it signed can still be accepted somewhere.
        return new SigningKeyStore(
                jdbc, encryption, clock.clock(), p.longestAccessToken().plus(p.clockSkew()));
    }

    @Bean
    KeyRotationJob keyRotationJob(SigningKeyStore store, IdentityProperties p, BureauClock clock, AuditTrail audit) {
        return new KeyRotationJob(store, p.keyRotation(), clock.clock(), audit);
    }

    /** The JWKS: the active key and the retired keys still published. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeyStore store) {
        return KeySources.published(store);
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeyStore store) {
        return new NimbusJwtEncoder(KeySources.signing(store));
    }

    /**
     * Verifies this provider's own tokens (admin API, userinfo) with the platform's token policy — the same rules the
     * gateway and the services apply, from platform-support.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, TokenPolicyProperties policy, BureauClock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).build();
        decoder.setJwtValidator(TokenPolicy.validator(policy, clock.clock()));
        return decoder;
    }

    @Bean
    TokenPolicyProperties tokenPolicyProperties(IdentityProperties p) {
        return new TokenPolicyProperties(p.issuer(), p.audiences(), p.localCliMaxTtl(), p.clockSkew());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties p) {
        return AuthorizationServerSettings.builder().issuer(p.issuer()).build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcOperations jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(
            JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    UserRepository userRepository(JdbcClient jdbc) {
        return new UserRepository(jdbc);
    }

    @Bean
    ClientAccounts clientAccounts(JdbcClient jdbc) {
        return new ClientAccounts(jdbc);
    }

    @Bean
    TokenClaims tokenClaims(UserRepository users, ClientAccounts clients, IdentityProperties p, BureauClock clock) {
        return new TokenClaims(users, clients, p, clock.clock());
    }

    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder encoder, TokenClaims claims, BureauClock clock) {
        JwtGenerator jwt = new JwtGenerator(encoder);
        jwt.setJwtCustomizer(claims);
        jwt.setClock(clock.clock());
        return new DelegatingOAuth2TokenGenerator(jwt, new RotatingRefreshTokens(clock.clock()));
    }

    /**
     * Argon2id with Spring Security's current defaults (16 MiB, 2 iterations, 1 lane): memory-hard, so only a few may
     * run at once on the provider's 256 MB heap ({@link BoundedPasswordEncoder} says why and what happens otherwise).
     */
    @Bean
    PasswordEncoder passwordEncoder(
            @Value("${permitwatch.identity.password-hashing.concurrency:2}") int concurrency,
            @Value("${permitwatch.identity.password-hashing.max-wait:20s}") Duration maxWait) {
        return new BoundedPasswordEncoder(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), concurrency, maxWait);
    }

    @Bean
    Passwords passwords(PasswordEncoder encoder, PasswordPolicy policy, UserRepository users, BureauClock clock) {
        return new Passwords(encoder, policy, users, clock.clock());
    }

    @Bean
    TotpSecrets totpSecrets(KeyEncryption encryption) {
        return new TotpSecrets(encryption);
    }

    @Bean
    SignInService signInService(
            UserRepository users,
            Passwords passwords,
            TotpSecrets totp,
            LockoutPolicy lockout,
            AuditTrail audit,
            BureauClock clock) {
        return new SignInService(users, passwords, totp, lockout, audit, clock.clock());
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    SignInFlow signInFlow(
            SignInService signIn,
            UserRepository users,
            SecurityContextRepository contexts,
            PasswordPolicy policy,
            BureauClock clock) {
        return new SignInFlow(signIn, users, contexts, policy, clock.clock());
    }

    @Bean
    UserAdministration userAdministration(
            UserRepository users, Passwords passwords, AuditTrail audit, JdbcClient jdbc, BureauClock clock) {
        return new UserAdministration(users, passwords, audit, jdbc, clock.clock());
    }

    @Bean
    ClientAdministration clientAdministration(
            RegisteredClientRepository repository,
            ClientAccounts accounts,
            PasswordEncoder encoder,
            IdentityProperties p,
            AuditTrail audit,
            JdbcClient jdbc,
            BureauClock clock) {
        return new ClientAdministration(repository, accounts, encoder, p, audit, jdbc, clock.clock());
    }

    @Bean
    AuditQuery auditQuery(JdbcClient jdbc, JsonMapper json) {
        return new AuditQuery(jdbc, json);
    }

    @Bean
    BuiltInClients builtInClients(
            RegisteredClientRepository repository,
            ClientAccounts accounts,
            IdentityProperties p,
            PasswordEncoder encoder,
            JdbcClient jdbc,
            BureauClock clock) {
        return new BuiltInClients(repository, accounts, p, encoder, jdbc, clock.clock());
    }

    @Bean
    FirstAdministrator firstAdministrator(
            UserRepository users, Passwords passwords, PasswordPolicy policy, AuditTrail audit, BureauClock clock) {
        return new FirstAdministrator(users, passwords, policy, audit, clock.clock());
    }

    @Bean
    DemoUsers demoUsers(
            UserRepository users,
            Passwords passwords,
            PasswordPolicy policy,
            TotpSecrets totp,
            AuditTrail audit,
            JsonMapper json,
            BureauClock clock) {
        return new DemoUsers(users, passwords, policy, totp, audit, json, clock.clock());
    }
}
