package org.permitwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * The check itself: installed in this JVM by auto-detection (the parent pom's argLine), it must see a blocking call
 * on each kind of thread the services run their reactive code on, and nothing on the threads meant for blocking
 * work. Each test takes what was recorded, so its own afterEach finds the queue empty.
 */
class NoBlockingCallsTest {

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void isOnInEveryTestJvmOfTheBuild() {
        assertThat(Boolean.getBoolean(NoBlockingCalls.ENABLED_PROPERTY)).isTrue();
    }

    @Test
    void aSleepOnReactorsParallelSchedulerIsRecorded() {
        Mono.fromRunnable(NoBlockingCallsTest::sleep)
                .subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(5));

        assertOneRecorded("java.lang.Thread.sleep", "parallel-");
    }

    @Test
    void aSleepOnAnHttpEventLoopIsRecorded() {
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> {
                    sleep();
                    return response.sendString(Mono.just("slept"));
                })
                .bindNow();
        try {
            String body = HttpClient.create()
                    .get()
                    .uri("http://127.0.0.1:" + server.port() + "/")
                    .responseContent()
                    .aggregate()
                    .asString()
                    .block(Duration.ofSeconds(5));
            assertThat(body).isEqualTo("slept");
        } finally {
            server.disposeNow();
        }

        assertOneRecorded("java.lang.Thread.sleep", "reactor-http-");
    }

    @Test
    void aBusyLockOurCodeTakesOnAParallelThreadIsRecorded() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        lock.lock();
        try {
            Mono.fromRunnable(() -> {
                        waiter.set(Thread.currentThread());
                        lock.lock();
                        lock.unlock();
                    })
                    .subscribeOn(Schedulers.parallel())
                    .subscribe();
            // released only once the parallel thread is parked on it (queued alone, it might still get it spinning)
            while (waiter.get() == null || waiter.get().getState() != Thread.State.WAITING) {
                Thread.sleep(1);
            }
        } finally {
            lock.unlock();
        }

        assertOneRecorded("jdk.internal.misc.Unsafe#park", "NoBlockingCallsTest");
    }

    @Test
    void aBusyLockIsLoggedNotFailedOnlyWhenALibraryTookIt() {
        String park = "jdk.internal.misc.Unsafe#park";
        StackTraceElement[] libraryLock = {
            frame("java.lang.Thread", "getStackTrace"),
            frame(NoBlockingCalls.class.getName() + "$$Lambda/0x1", "accept"),
            frame("reactor.blockhound.BlockHoundRuntime", "checkBlocking"),
            frame("jdk.internal.misc.Unsafe", "park"),
            frame("java.util.concurrent.locks.ReentrantLock", "lock"),
            frame("io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics", "record"),
            frame("org.permitwatch.permitsync.connector.PlatformClient", "fetch")
        };
        StackTraceElement[] ourLock = {
            frame("jdk.internal.misc.Unsafe", "park"),
            frame("java.util.concurrent.LinkedBlockingQueue", "offer"),
            frame("org.permitwatch.monitoring.receiver.RawPublisher", "publish"),
            frame("io.netty.channel.AbstractChannelHandlerContext", "fireChannelRead")
        };
        StackTraceElement[] libraryFileRead = {
            frame("java.io.FileInputStream", "readBytes"), frame("com.github.luben.zstd.util.Native", "load")
        };

        assertThat(NoBlockingCalls.isLockBusyInsideALibrary(park, libraryLock)).isTrue();
        assertThat(NoBlockingCalls.isLockBusyInsideALibrary(park, ourLock)).isFalse();
        assertThat(NoBlockingCalls.isLockBusyInsideALibrary("java.io.FileInputStream#readBytes", libraryFileRead))
                .isFalse();
    }

    @Test
    void theWarningForABusyLibraryLockIsNotItselfABlockingCall() {
        StackTraceElement[] libraryLock = {
            frame("jdk.internal.misc.Unsafe", "park"),
            frame("io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics", "record")
        };
        // logged from a parallel thread, as the callback would: the log line's own write must not be recorded
        Mono.fromRunnable(() -> NoBlockingCalls.record("jdk.internal.misc.Unsafe#park", libraryLock))
                .subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(5));

        assertThat(NoBlockingCalls.drain()).isEmpty();
    }

    /** Exactly one call was recorded, and its description (method, thread, stack) holds every one of {@code parts}. */
    private static void assertOneRecorded(String... parts) {
        assertThat(NoBlockingCalls.drain()).singleElement().asString().contains(parts);
    }

    private static StackTraceElement frame(String owner, String method) {
        return new StackTraceElement(owner, method, null, -1);
    }

    @Test
    void aSleepOnTheBoundedElasticSchedulerIsWhatItIsFor() {
        Mono.fromRunnable(NoBlockingCallsTest::sleep)
                .subscribeOn(Schedulers.boundedElastic())
                .block(Duration.ofSeconds(5));

        assertThat(NoBlockingCalls.drain()).isEmpty();
    }
}
