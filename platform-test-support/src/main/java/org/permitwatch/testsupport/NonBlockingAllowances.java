package org.permitwatch.testsupport;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The blocking calls {@link NoBlockingCalls} accepts on a non-blocking thread, each with why it cannot stall a loop.
 * BlockHound's own integrations (Reactor, logging, standard output) and Netty's are loaded as well. An allowance
 * names the narrowest method that holds the call, never one of ours: a call of our own code that blocks is moved
 * off the loop instead.
 */
final class NonBlockingAllowances implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // SecureRandom's default on Linux (UUID.randomUUID, nonces) tops up its buffer from /dev/urandom, which never
        // waits once the kernel's pool is initialised at boot: a file read in name only.
        builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
        // springdoc builds a service's OpenAPI document on the first request for it, scanning the class path once,
        // and serves the cached document from then on. A documentation endpoint, not a request path under load.
        builder.allowBlockingCallsInside("org.springdoc.api.AbstractOpenApiResource", "getOpenApi");
        // Hibernate Validator reads its message bundle from its jar the first time a constraint fails in a locale;
        // the JDK keeps the bundle (and a miss) from then on.
        builder.allowBlockingCallsInside(
                "org.hibernate.validator.resourceloading.PlatformResourceBundleLocator", "loadBundle");
        // Netty's HTTP decompressor asks once per JVM whether zstd is available; zstd-jni then copies its native
        // library out of its jar into a temporary file and loads it. Every later response finds it loaded.
        builder.allowBlockingCallsInside("com.github.luben.zstd.util.Native", "load");
        // Jackson builds a type's deserializer once under a lock and caches it; a second thread asking for the same
        // type at that moment waits for the first.
        builder.allowBlockingCallsInside(
                "tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
        // Resilience4j (the national platform's client, the gateway's breakers) records each call's outcome in its
        // sliding window and its event buffer under short locks of its own (resilience4j#1545); two loops finishing a
        // call at the same instant wait nanoseconds for each other. Not ours to change; the library is prescribed.
        builder.allowBlockingCallsInside("io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics", "record");
        builder.allowBlockingCallsInside(
                "io.github.resilience4j.circularbuffer.ConcurrentEvictingQueue", "writeConcurrently");
        // Its rate limiter backs off for a nanosecond when two threads race for the same permit (a CAS retry).
        builder.allowBlockingCallsInside(
                "io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter", "compareAndSet");
        // Netty's adaptive allocator grows its magazines under a lock when threads contend for one; rare, and the
        // allocator the whole platform's I/O goes through.
        builder.allowBlockingCallsInside(
                "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        // OpenTelemetry's batch processor puts an ended span in a lock-free queue; only when a batch is full does it
        // wake the exporter through a one-slot blocking queue, whose offer takes a lock for an instant (never waits
        // for room: offer, not put).
        builder.allowBlockingCallsInside("io.opentelemetry.sdk.trace.export.BatchSpanProcessor$Worker", "addSpan");
        // The S3 client's (AWS SDK, Netty) connection pool waits for its channels to close when the client is closed
        // at the context's shutdown, on Netty's global executor thread; no request is served there.
        builder.allowBlockingCallsInside("io.netty.channel.pool.SimpleChannelPool", "close");
    }
}
