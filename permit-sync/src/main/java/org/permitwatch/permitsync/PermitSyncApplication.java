package org.permitwatch.permitsync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The national-platform connector, the sync engine and the object directory (检查对象名录库). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PermitSyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(PermitSyncApplication.class, args);
    }
}
