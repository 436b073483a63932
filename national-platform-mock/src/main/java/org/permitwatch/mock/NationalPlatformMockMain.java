package org.permitwatch.mock;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone mock: {@code java -jar national-platform-mock-0.1.0-SNAPSHOT.jar --port 8090 --size 2000 --seed 42
 * --client-id ID --client-secret SECRET}. Arguments win over the env variables {@code MOCK_PORT},
 * {@code MOCK_SIZE}, {@code MOCK_SEED}, {@code MOCK_CLIENT_ID}, {@code MOCK_CLIENT_SECRET}.
 */
public final class NationalPlatformMockMain {

    private NationalPlatformMockMain() {}

    public static void main(String[] args) throws InterruptedException {
        MockOptions options;
        try {
            options = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: --port 8090 --size 2000 --seed 42 --client-id ID --client-secret SECRET "
                    + "[--token-ttl SECONDS] [--bind 127.0.0.1]");
            System.exit(2);
            return;
        }
        NationalPlatformMock mock = NationalPlatformMock.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            mock.stop();
                            stopped.countDown();
                        },
                        "mock-shutdown"));
        System.out.println("national-platform mock ready on " + mock.baseUrl() + " ("
                + mock.dataset().size() + " permits)");
        stopped.await();
    }

    static MockOptions parse(String[] args, Map<String, String> env) {
        MockOptions.Builder b = MockOptions.builder().port(8090);
        if (env.get("MOCK_PORT") != null) {
            b.port(Integer.parseInt(env.get("MOCK_PORT")));
        }
        if (env.get("MOCK_SIZE") != null) {
            b.size(Integer.parseInt(env.get("MOCK_SIZE")));
        }
        if (env.get("MOCK_SEED") != null) {
            b.seed(Long.parseLong(env.get("MOCK_SEED")));
        }
        if (env.get("MOCK_CLIENT_ID") != null) {
            b.clientId(env.get("MOCK_CLIENT_ID"));
        }
        if (env.get("MOCK_CLIENT_SECRET") != null) {
            b.clientSecret(env.get("MOCK_CLIENT_SECRET"));
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + arg);
            }
            try {
                switch (arg) {
                    case "--port" -> b.port(Integer.parseInt(value));
                    case "--size" -> b.size(Integer.parseInt(value));
                    case "--seed" -> b.seed(Long.parseLong(value));
                    case "--client-id" -> b.clientId(value);
                    case "--client-secret" -> b.clientSecret(value);
                    case "--token-ttl" -> b.tokenTtl(java.time.Duration.ofSeconds(Long.parseLong(value)));
                    case "--bind" -> b.bindAddress(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number for " + arg + ": " + value);
            }
        }
        return b.build();
    }
}
