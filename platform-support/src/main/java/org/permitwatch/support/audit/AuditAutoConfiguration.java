package org.permitwatch.support.audit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/** Audit log writer ({@code permitwatch.audit.enabled}) and the filter that feeds it request details. */
@AutoConfiguration(after = R2dbcAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "permitwatch.audit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(DatabaseClient.class)
    AuditLog auditLog(
            DatabaseClient db, ObjectProvider<JsonMapper> jsonMapper, AuditProperties properties, Environment env) {
        String systemName = properties.systemName() != null
                ? properties.systemName()
                : env.getProperty("spring.application.name", "permitwatch");
        return new AuditLog(
                db, jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()), systemName);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class RequestInfoConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RequestInfoWebFilter requestInfoWebFilter() {
            return new RequestInfoWebFilter();
        }
    }
}
