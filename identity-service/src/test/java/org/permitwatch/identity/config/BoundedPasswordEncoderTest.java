package org.permitwatch.identity.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedPasswordEncoderTest {

    /** Counts how many calls are inside it at once, and holds each until released. */
    static final class GatedEncoder implements PasswordEncoder {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String encode(CharSequence raw) {
            enter();
            return "h:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            enter();
            return encoded.equals("h:" + raw);
        }

        private void enter() {
            peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    @Test
    void fiftyConcurrentSignInsHashTwoAtATimeAndAllGetTheirAnswer() throws Exception {
        // Tomcat's 50 request threads of identity-service: unbounded, 50 Argon2id hashes = 50 × 16 MiB = 800 MiB
        GatedEncoder gated = new GatedEncoder();
        BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(gated, 2, Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String secret = i % 2 == 0 ? "right" : "wrong";
                answers.add(pool.submit(() -> bounded.matches(secret, "h:right")));
            }
            Thread.sleep(300); // every thread has arrived and waits: only two may be inside
            assertThat(gated.inside.get()).isEqualTo(2);
            gated.release.countDown();
            int right = 0;
            for (Future<Boolean> answer : answers) {
                right += answer.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(right).isEqualTo(25);
            assertThat(gated.peak.get()).isEqualTo(2);
            assertThat(bounded.peakConcurrent()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHashThatCannotGetASlotInTimeFailsInsteadOfQueueingForever() throws Exception {
        GatedEncoder gated = new GatedEncoder();
        BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(gated, 1, Duration.ofMillis(200));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> holder = pool.submit(() -> bounded.encode("first"));
            while (gated.inside.get() == 0) {
                Thread.sleep(5);
            }
            assertThatThrownBy(() -> bounded.encode("second"))
                    .isInstanceOf(BoundedPasswordEncoder.PasswordHashingBusyException.class)
                    .hasMessageContaining("200 ms");
            gated.release.countDown();
            assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("h:first");
            // the slot is free again
            assertThat(bounded.encode("third")).isEqualTo("h:third");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theRealArgon2StillVerifiesThroughTheBound() {
        BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(
                Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), 2, Duration.ofSeconds(10));
        String hash = bounded.encode("Correct-Horse-9");
        assertThat(hash).startsWith("$argon2id$v=19$m=16384,t=2,p=1$"); // 16384 KiB = 16 MiB per hash
        assertThat(bounded.matches("Correct-Horse-9", hash)).isTrue();
        assertThat(bounded.matches("wrong", hash)).isFalse();
        assertThat(bounded.upgradeEncoding(hash)).isFalse();
    }
}
