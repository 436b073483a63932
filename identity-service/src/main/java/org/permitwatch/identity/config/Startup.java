package org.permitwatch.identity.config;

import java.nio.file.Path;
import org.permitwatch.identity.client.BuiltInClients;
import org.permitwatch.identity.keys.SigningKeyStore;
import org.permitwatch.identity.user.DemoUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** First start of an installation: a signing key, the built-in clients, and (locally) the demo users. */
@Component
@Order(0)
class Startup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Startup.class);

    private final SigningKeyStore keys;
    private final BuiltInClients clients;
    private final DemoUsers demoUsers;
    private final IdentityProperties properties;

    Startup(SigningKeyStore keys, BuiltInClients clients, DemoUsers demoUsers, IdentityProperties properties) {
        this.keys = keys;
        this.clients = clients;
        this.demoUsers = demoUsers;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        keys.ensureActiveKey();
        clients.register();
        String file = properties.demoUsersFile();
        if (file != null && !file.isBlank()) {
            int created = demoUsers.load(Path.of(file));
            log.info("demo users: {} created from {}", created, file);
        }
    }
}
