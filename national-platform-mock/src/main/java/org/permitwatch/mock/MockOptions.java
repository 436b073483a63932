package org.permitwatch.mock;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Start-up settings of the mock. Defaults: random free port on 127.0.0.1, 2,000 permits, seed 42,
 * tokens valid 7,200 s, bad tokens answered with HTTP 401, unknown permits with HTTP 404, system clock.
 */
public record MockOptions(
        int port,
        String bindAddress,
        int size,
        long seed,
        String clientId,
        String clientSecret,
        Duration tokenTtl,
        TokenErrorStyle tokenErrorStyle,
        boolean notFoundAsHttp404,
        Clock clock) {

    public static final String DEFAULT_CLIENT_ID = "permitwatch-sx";
    public static final String DEFAULT_CLIENT_SECRET = "permitwatch-sx-secret";

    public MockOptions {
        if (port < 0 || size < 0 || tokenTtl == null || tokenTtl.isNegative() || clock == null) {
            throw new IllegalArgumentException("invalid mock options");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static MockOptions defaults() {
        return builder().build();
    }

    public static final class Builder {
        private int port = 0;
        private String bindAddress = "127.0.0.1";
        private int size = 2_000;
        private long seed = 42L;
        private String clientId = DEFAULT_CLIENT_ID;
        private String clientSecret = DEFAULT_CLIENT_SECRET;
        private Duration tokenTtl = Duration.ofSeconds(7_200);
        private TokenErrorStyle tokenErrorStyle = TokenErrorStyle.HTTP_401;
        private boolean notFoundAsHttp404 = true;
        private Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));

        /** 0 = pick a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder size(int size) {
            this.size = size;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /** The {@code expires_in} of issued tokens; expiry is checked against {@link #clock(Clock)}. */
        public Builder tokenTtl(Duration tokenTtl) {
            this.tokenTtl = tokenTtl;
            return this;
        }

        public Builder tokenErrorStyle(TokenErrorStyle style) {
            this.tokenErrorStyle = style;
            return this;
        }

        /** false = unknown permits are answered {@code 200 {"code":40401}}. */
        public Builder notFoundAsHttp404(boolean notFoundAsHttp404) {
            this.notFoundAsHttp404 = notFoundAsHttp404;
            return this;
        }

        /** Drives token expiry and the {@code updatedAt} of changes; tests pass an adjustable clock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public MockOptions build() {
            return new MockOptions(
                    port,
                    bindAddress,
                    size,
                    seed,
                    clientId,
                    clientSecret,
                    tokenTtl,
                    tokenErrorStyle,
                    notFoundAsHttp404,
                    clock);
        }
    }
}
