package org.permitwatch.registry.security;

import java.security.Principal;

/** The authenticated client; its name is the basic-auth user name. */
record RegistryPrincipal(RegistryClient client) implements Principal {

    @Override
    public String getName() {
        return client.name();
    }

    @Override
    public String toString() {
        return client.name();
    }
}
