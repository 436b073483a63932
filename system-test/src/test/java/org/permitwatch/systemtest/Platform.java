package org.permitwatch.systemtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform, started the one way it is started everywhere: {@code ./run.sh --clean --detach} with
 * {@code SKIP_BUILD=1}, its own {@code PERMITWATCH_LOCAL} directory and a block of free high ports, so a developer's
 * platform on 8080… keeps running. Parts are crashed and restarted with {@code ./run.sh kill|restart PART}.
 */
final class Platform {

    /** run.sh's port variables, in the order they take ports from the block. */
    private static final List<String> PORT_VARIABLES = List.of(
            "GATEWAY_PORT",
            "REGISTRY_PORT",
            "PERMIT_SYNC_PORT",
            "INSPECTION_PORT",
            "LIAISON_PORT",
            "REPORTING_PORT",
            "MOCK_PORT",
            "KAFKA_PORT",
            "KAFKA_CONTROLLER_PORT",
            "PG_PORT",
            "MAIL_PORT",
            // Last, so that the others keep their place in the block: the identity provider (issue 15).
            "IDENTITY_PORT",
            // monitoring-service (issue 18): its API and its HJ 212 receiver.
            "MONITORING_PORT",
            "HJ212_PORT",
            // the evidence files' S3 API server (issue 20, ADR 0031): never a developer's 9000
            "S3_PORT");
    /** The Spring apps but the registry (gateway, the four services, the identity provider) also listen on their
     *  port + this for the actuator (run.sh's MANAGEMENT_PORT_OFFSET, bound to 127.0.0.1). */
    static final int MANAGEMENT_PORT_OFFSET = 1000;

    private static final List<String> WITH_MANAGEMENT_PORT = List.of(
            "GATEWAY_PORT",
            "PERMIT_SYNC_PORT",
            "INSPECTION_PORT",
            "LIAISON_PORT",
            "REPORTING_PORT",
            "IDENTITY_PORT",
            "MONITORING_PORT");

    final Path root;
    final Path local;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private boolean started;

    private Platform(Path root, Path local, Map<String, Integer> ports) {
        this.root = root;
        this.local = local;
        ports.forEach((k, v) -> env.put(k, String.valueOf(v)));
        env.put("PERMITWATCH_LOCAL", local.toString());
        env.put("SKIP_BUILD", "1");
        env.put("MANAGEMENT_PORT_OFFSET", String.valueOf(MANAGEMENT_PORT_OFFSET));
        env.put("MOCK_SIZE", String.valueOf(SystemTestSettings.MOCK_SIZE));
        env.put("READY_TIMEOUT", "240");
        // The scheduled sync must not start in the middle of a drill.
        env.put("PERMIT_SYNC_CRON", "-");
        // A run the platform paused resumes by itself (ADR 0036): after 5 s, 10 s, 20 s, 20 s … (± 50 %) here instead
        // of the production minutes, so the drills see it heal without anyone within their time limits.
        env.put("PERMIT_SYNC_AUTO_RESUME_INITIAL_BACKOFF", "5s");
        env.put("PERMIT_SYNC_AUTO_RESUME_MAX_BACKOFF", "20s");
        // ... and the connector's breaker stays open 2 s instead of 30 s, so the shortened back-off keeps the
        // production order (SyncProperties.AutoResume: the first attempt, 1 m ± 50 %, comes after the breaker's
        // 30 s; here 5 s ± 50 % ≥ 2.5 s after 2 s). With 30 s every attempt of the fault drill met the breaker
        // still open: its INCREMENTAL run paused ten times and took 160 s in CI (session 12), to "attempt 8 of 8".
        env.put("PERMITWATCH_NATIONALPLATFORM_CIRCUITBREAKER_WAITINOPEN", "2s");
        // A few simulated HJ 212 units (run.sh's simulator), not the local default's few hundred: load of its own.
        env.put("SIMULATOR_POINTS", "20");
    }

    static Platform fromSystemProperties() {
        Path root = Path.of(System.getProperty("systemtest.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path local = Path.of(System.getProperty("systemtest.platformDir", "target/platform"))
                .toAbsolutePath()
                .normalize();
        int base = Integer.getInteger("systemtest.portBase", 28000);
        return new Platform(root, local, freePorts(base));
    }

    /** A block of consecutive free ports at or above {@code base} (moves up by 100 while one of them is taken). */
    private static Map<String, Integer> freePorts(int base) {
        for (int start = base; start < base + 2000; start += 100) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            boolean free = true;
            for (int i = 0; i < PORT_VARIABLES.size() && free; i++) {
                String variable = PORT_VARIABLES.get(i);
                free = isFree(start + i)
                        && (!WITH_MANAGEMENT_PORT.contains(variable) || isFree(start + i + MANAGEMENT_PORT_OFFSET));
                ports.put(variable, start + i);
            }
            if (free) {
                return ports;
            }
        }
        throw new IllegalStateException("no block of " + PORT_VARIABLES.size() + " free ports above " + base);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int port(String variable) {
        return Integer.parseInt(env.get(variable));
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + port("GATEWAY_PORT");
    }

    /** The actuator of the gateway or a service (metrics), on its management port. */
    String managementUrl(String portVariable) {
        return "http://127.0.0.1:" + (port(portVariable) + MANAGEMENT_PORT_OFFSET);
    }

    String serviceUrl(String portVariable) {
        return "http://127.0.0.1:" + port(portVariable);
    }

    String mockUrl() {
        return "http://127.0.0.1:" + port("MOCK_PORT");
    }

    Path logs() {
        return local.resolve("logs");
    }

    /** Starts everything and runs the first FULL sync, as {@code ./run.sh} does. */
    void start() {
        started = true;
        run(Duration.ofMinutes(6), "--clean", "--detach");
    }

    /** Always safe to call: stops whatever runs under this platform's directory. */
    void stop() {
        if (started) {
            try {
                run(Duration.ofMinutes(2), "stop");
            } catch (RuntimeException e) {
                System.err.println("[system-test] stopping the platform failed: " + e.getMessage());
            }
        }
    }

    void kill(String part) {
        run(Duration.ofSeconds(30), "kill", part);
    }

    void restart(String part) {
        run(Duration.ofMinutes(4), "restart", part);
    }

    String status() {
        return run(Duration.ofSeconds(30), "status");
    }

    /**
     * A token from the platform's identity provider through {@code ./run.sh token} (its local-only client; cached, so
     * one subject keeps one token). For the synthetic callers of the matrices; the campaign's actors sign in.
     */
    String token(String role, String division, String... extra) {
        String key = role + " " + division + " " + String.join(" ", extra);
        return tokens.computeIfAbsent(key, k -> {
            List<String> args = new ArrayList<>(List.of("token", role, division, "--ttl", "8h"));
            args.addAll(List.of(extra));
            return run(Duration.ofSeconds(60), args.toArray(String[]::new)).strip();
        });
    }

    private String run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("run.sh").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().putAll(env);
        builder.redirectErrorStream(false);
        try {
            Files.createDirectories(local);
            Path err = Files.createTempFile(local, "run-", ".err");
            builder.redirectError(err.toFile());
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./run.sh " + String.join(" ", args) + " did not finish in " + timeout);
            }
            String stdout = new String(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (!"token".equals(args[0])) {
                // Without run.sh's terminal colours (escape bytes in the test output).
                System.out.println(("[system-test] ./run.sh " + String.join(" ", args) + "\n" + stdout + stderr)
                        .replaceAll("\u001B\\[[0-9;]*m", ""));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("./run.sh " + String.join(" ", args) + " exited " + process.exitValue()
                        + ":\n" + stdout + "\n" + stderr);
            }
            return stdout;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ./run.sh " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
