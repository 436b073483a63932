package org.permitwatch.support.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.security.*}.
 *
 * @param enabled     the library's default {@code SecurityWebFilterChain} (a service may also just declare its own)
 * @param publicPaths extra path patterns reachable without a token, on top of health, info, prometheus and API docs
 * @param area        the API area this service serves ({@code permitwatch.security.area}); a token limited to other
 *                    areas is refused (ADR 0018). Without it every area-limited token is refused.
 */
@Validated
@ConfigurationProperties("permitwatch.security")
public record PermitWatchSecurityProperties(
        @DefaultValue("true") boolean enabled, List<String> publicPaths, ApiArea area) {

    public PermitWatchSecurityProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
