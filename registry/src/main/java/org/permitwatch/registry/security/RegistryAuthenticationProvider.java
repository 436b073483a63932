package org.permitwatch.registry.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** HTTP basic credentials of a registry client: user name = the client, password checked by digest. */
final class RegistryAuthenticationProvider implements AuthenticationProvider {

    /** Compared against when the user is unknown, so an unknown name costs the same time as a wrong password. */
    private static final byte[] NO_CLIENT = PasswordDigest.of("no such registry client");

    private final RegistryClients clients;
    private final SecurityEventLog events;

    RegistryAuthenticationProvider(RegistryClients clients, SecurityEventLog events) {
        this.clients = clients;
        this.events = events;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? "" : credentials.toString();
        Optional<RegistryClient> client = clients.find(name);
        boolean matches = PasswordDigest.matches(
                password, client.map(RegistryClient::passwordDigest).orElse(NO_CLIENT));
        if (client.isEmpty()) {
            // Any name an attacker sends: keyed by reason only, so the log cannot be flooded.
            events.once(
                    "unknown-client",
                    "registry: rejected credentials of an unknown client '{}'",
                    SecurityEventLog.printable(name));
            throw new BadCredentialsException("bad credentials");
        }
        if (!matches) {
            events.once("wrong-password:" + name, "registry: rejected a wrong password for client '{}'", name);
            throw new BadCredentialsException("bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                new RegistryPrincipal(client.get()), null, authorities(client.get()));
    }

    private static List<GrantedAuthority> authorities(RegistryClient client) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(RegistrySecurityConfig.authority(client.access())));
        return authorities;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
