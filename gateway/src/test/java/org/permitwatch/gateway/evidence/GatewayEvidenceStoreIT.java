package org.permitwatch.gateway.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.gateway.GatewayIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.permitwatch.testsupport.TestS3;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The gateway's {@code /evidence-store} route to a real S3 API server (s3proxy, {@link TestS3}) (ADR 0031): a URL
 * presigned for the gateway's host, as inspection-service signs them, works through the gateway unchanged (Host
 * preserved, same path), so a browser uploads and downloads evidence on the one origin its CSP allows; anything else
 * is refused.
 */
@GatewayIntegrationTest
class GatewayEvidenceStoreIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** 300 bytes: "evidence " (9 bytes) repeated 33 times is 297, plus "end" (3) = 300. */
    private static final byte[] FILE = ("evidence ".repeat(33) + "end").getBytes();

    @LocalServerPort
    int port;

    private S3Presigner presigner;

    @BeforeEach
    void presignerForTheGateway() {
        presigner = S3Presigner.builder()
                .endpointOverride(URI.create("http://localhost:" + port + TestS3.SERVICE_PATH))
                .region(Region.of(TestS3.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    @AfterEach
    void close() {
        presigner.close();
    }

    @Test
    void aPresignedUploadAndDownloadWorkThroughTheGatewayOnItsOrigin() throws Exception {
        assertThat(FILE).hasSize(300);
        String key = "records/" + UUID.randomUUID() + "/" + UUID.randomUUID();
        var put = presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(TestS3.BUCKET)
                        .key(key)
                        .contentType("image/jpeg")
                        .contentLength((long) FILE.length)
                        .ifNoneMatch("*")));
        assertThat(put.url().toString()).startsWith("http://localhost:" + port + "/evidence-store/");

        HttpResponse<String> uploaded = send(upload(put.url().toString(), FILE));
        assertThat(uploaded.statusCode()).isEqualTo(200);
        // create-only through the gateway as well
        byte[] other = Arrays.copyOf(FILE, FILE.length);
        other[0] = 'E';
        assertThat(send(upload(put.url().toString(), other)).statusCode()).isEqualTo(412);

        var get = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(2))
                .getObjectRequest(o -> o.bucket(TestS3.BUCKET)
                        .key(key)
                        .responseContentDisposition("attachment; filename=\"a.jpg\"")
                        .responseContentType("image/jpeg")));
        HttpResponse<byte[]> downloaded = HTTP.send(
                HttpRequest.newBuilder(get.url().toURI()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(FILE);
        assertThat(downloaded.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"a.jpg\"");
        assertThat(downloaded.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; sandbox; frame-ancestors 'none'");
        assertThat(downloaded.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        // the same object without a signature: refused (the bucket and its objects are private)
        String plain = "http://localhost:" + port + "/evidence-store/" + TestS3.BUCKET + "/" + key;
        assertThat(send(HttpRequest.newBuilder(URI.create(plain)).GET().build()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void onlyPresignedGetHeadAndPutPass() throws Exception {
        String base = "http://localhost:" + port + "/evidence-store/" + TestS3.BUCKET;
        // unsigned: the store refuses (no anonymous access), even with a valid bearer token of ours
        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(URI.create(base + "/x"))
                .header("Authorization", "Bearer " + TestJwts.token("PROVINCE", "140000"))
                .GET()
                .build());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        // listing the bucket unsigned: refused
        assertThat(send(HttpRequest.newBuilder(URI.create(base)).GET().build()).statusCode())
                .isEqualTo(403);
        // DELETE and POST never reach the store
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/x")).DELETE().build())
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/x?uploads"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build())
                        .statusCode())
                .isEqualTo(403);
    }

    private static HttpRequest upload(String url, byte[] bytes) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "image/jpeg")
                .header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
