package org.permitwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real S3 API server for integration tests: s3proxy (Maven Central {@code org.gaul:s3proxy}, its self-contained
 * jar) over a temporary directory, started once per test JVM as a child process and stopped with it. Not an
 * in-memory fake of ours: the service signs, uploads and reads over S3's HTTP API exactly as against MinIO or AWS.
 *
 * <p>The build copies the jar and names it in the system property {@value #JAR_PROPERTY} (a module's failsafe
 * configuration, see inspection-service's pom), so nothing is started by hand. Use with
 * {@code @ContextConfiguration(initializers = TestS3.class)}; it sets {@code permitwatch.evidence.s3.*} (a service's
 * client) and {@code permitwatch.evidence.store-uri} (the gateway's route).
 *
 * <p>The server answers under the service path {@value #SERVICE_PATH}, as run.sh's and the gateway's route do
 * (ADR 0031), so presigned URLs are signed for the same path in tests as in a browser.
 */
public final class TestS3 implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String JAR_PROPERTY = "permitwatch.test.s3proxy-jar";
    public static final String SERVICE_PATH = "/evidence-store";
    public static final String BUCKET = "evidence";
    public static final String ACCESS_KEY = "test-identity";
    public static final String SECRET_KEY = "test-credential";
    public static final String REGION = "us-east-1";

    private static Server server;

    /** The server's base URL including the service path, e.g. {@code http://127.0.0.1:41234/evidence-store}. */
    public static synchronized String endpoint() {
        if (server == null) {
            server = start();
        }
        return server.endpoint();
    }

    /** The server's root URL without the service path (what the gateway's /evidence-store route forwards to). */
    public static synchronized String serverRoot() {
        String endpoint = endpoint();
        return endpoint.substring(0, endpoint.length() - SERVICE_PATH.length());
    }

    /** The directory the filesystem store keeps objects in: {@code <dir>/<bucket>/<key>}. */
    public static synchronized Path storeDirectory() {
        endpoint();
        return server.directory();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String endpoint = endpoint();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "testS3",
                        Map.of(
                                "permitwatch.evidence.s3.endpoint", endpoint,
                                "permitwatch.evidence.s3.public-endpoint", endpoint,
                                "permitwatch.evidence.s3.region", REGION,
                                "permitwatch.evidence.s3.bucket", BUCKET,
                                "permitwatch.evidence.s3.access-key", ACCESS_KEY,
                                "permitwatch.evidence.s3.secret-key", SECRET_KEY,
                                "permitwatch.evidence.store-uri", serverRoot())));
    }

    private record Server(String endpoint, Path directory, Process process) {}

    private static Server start() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no s3proxy jar: the build sets -D" + JAR_PROPERTY
                    + " (maven-dependency-plugin copies org.gaul:s3proxy:jar-with-dependencies); got " + jar);
        }
        try {
            Path dir = Files.createTempDirectory("s3proxy-");
            Path data = Files.createDirectories(dir.resolve("data"));
            // filesystem-nio2: a bucket is a directory, so it exists before the first request; this store also
            // honours If-None-Match: * while it writes (the service's never-overwrite guard relies on it). Mode 0700:
            // the store reads a world-readable directory as a public-read bucket (anonymous listing).
            Files.createDirectory(
                    data.resolve(BUCKET),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            int port = freePort();
            String endpoint = "http://127.0.0.1:" + port;
            Path properties = dir.resolve("s3proxy.properties");
            Files.writeString(
                    properties,
                    String.join(
                            "\n",
                            "s3proxy.endpoint=" + endpoint,
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + ACCESS_KEY,
                            "s3proxy.credential=" + SECRET_KEY,
                            "s3proxy.service-path=" + SERVICE_PATH,
                            "jclouds.provider=filesystem-nio2",
                            "jclouds.filesystem.basedir=" + data,
                            ""));
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(
                            java,
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-Xmx128m",
                            "-jar",
                            jar,
                            "--properties",
                            properties.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("s3proxy.log").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "s3proxy-stop"));
            waitUntilHealthy(endpoint + SERVICE_PATH + "/healthz", process, dir.resolve("s3proxy.log"));
            return new Server(endpoint + SERVICE_PATH, data, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitUntilHealthy(String url, Process process, Path log) throws IOException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroy();
        throw new IllegalStateException("s3proxy not healthy within 60 s: " + Files.readString(log));
    }
}
