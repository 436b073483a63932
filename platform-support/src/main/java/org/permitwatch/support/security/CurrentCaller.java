package org.permitwatch.support.security;

import org.permitwatch.support.problem.ApiException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/** Access to the {@link Caller} of the current reactive request. */
public final class CurrentCaller {

    private CurrentCaller() {}

    /** The caller, or an error with a 401 problem when the request is not authenticated by our JWT converter. */
    public static Mono<Caller> get() {
        return find().switchIfEmpty(Mono.error(() -> ApiException.unauthorized("no authenticated caller")));
    }

    /** The caller if there is one (empty for scheduled jobs and Kafka listeners). */
    public static Mono<Caller> find() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                .filter(a -> a instanceof CallerAuthentication)
                .map(a -> ((CallerAuthentication) a).caller());
    }
}
