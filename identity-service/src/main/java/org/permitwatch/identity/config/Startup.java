package org.permitwatch.identity.config;

import java.nio.file.Path;
import org.permitwatch.identity.client.BuiltInClients;
import org.permitwatch.identity.keys.SigningKeyStore;
import org.permitwatch.identity.user.DemoUsers;
import org.permitwatch.identity.user.FirstAdministrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * First start of an installation: a signing key, the built-in clients, the first PROVINCE administrator (when the
 * installer supplies one) and, locally, the demo users.
 */
@Component
@Order(0)
class Startup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Startup.class);

    private final SigningKeyStore keys;
    private final BuiltInClients clients;
    private final DemoUsers demoUsers;
    private final FirstAdministrator firstAdministrator;
    private final IdentityProperties properties;

    Startup(
            SigningKeyStore keys,
            BuiltInClients clients,
            DemoUsers demoUsers,
            FirstAdministrator firstAdministrator,
            IdentityProperties properties) {
        this.keys = keys;
        this.clients = clients;
        this.demoUsers = demoUsers;
        this.firstAdministrator = firstAdministrator;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        keys.ensureActiveKey();
        clients.register();
        IdentityProperties.BootstrapAdmin admin = properties.bootstrapAdmin();
        FirstAdministrator.Bootstrap bootstrap = new FirstAdministrator.Bootstrap(
                admin.username(), admin.password(), admin.division(), admin.displayName());
        if (bootstrap.requested()) {
            boolean created = firstAdministrator.createIfNone(bootstrap);
            log.info(
                    created
                            ? "first PROVINCE administrator {} created: password change and TOTP enrolment at first sign-in"
                            : "IDENTITY_BOOTSTRAP_ADMIN_* ignored: the province already has an administrator ({})",
                    bootstrap.username());
        }
        String file = properties.demoUsersFile();
        if (file != null && !file.isBlank()) {
            int created = demoUsers.load(Path.of(file));
            log.info("demo users: {} created from {}", created, file);
        }
    }
}
