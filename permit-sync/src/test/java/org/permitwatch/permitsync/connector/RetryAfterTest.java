package org.permitwatch.permitsync.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void readsDelaySeconds() {
        assertThat(WebClientNationalPlatformClient.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(WebClientNationalPlatformClient.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsAnHttpDateAsTheTimeLeftUntilIt() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(1));

        Duration wait = WebClientNationalPlatformClient.retryAfter(inAMinute);

        // The header has whole seconds, so a second may be lost to truncation; the slack absorbs a slow machine.
        assertThat(wait).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(WebClientNationalPlatformClient.retryAfter(null)).isNull();
        assertThat(WebClientNationalPlatformClient.retryAfter("")).isNull();
        assertThat(WebClientNationalPlatformClient.retryAfter("soon")).isNull();
        assertThat(WebClientNationalPlatformClient.retryAfter("-5")).isNull();
    }
}
