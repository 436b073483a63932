package org.permitwatch.inspection.evidence;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PutObjectPresignRequest;

/**
 * The S3 API, reached without blocking: the async client over Netty for reads and deletes, the presigner for the URLs a
 * browser uses. Presigned URLs are signed for the public endpoint (the gateway's {@code /evidence-store}, ADR 0031),
 * reads go to the internal endpoint; both name the same server, under the same path, so the signature matches. Both are
 * made on first use (ADR 0046): an idle service never loads the SDK.
 */
@Component
class ObjectStorage implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ObjectStorage.class);

    /** What a file in storage is, as read back: its length and SHA-256 (lower-case hex). */
    record Digest(long size, String sha256) {}

    /** A presigned request: the URL, the headers the client must send exactly, and when it expires. */
    record Presigned(String url, Map<String, String> headers, Instant expiresAt) {}

    private final EvidenceProperties.S3 settings;
    // Made on first use, not at start-up: the SDK is ~1,000 classes (metaspace) plus its own Netty event loop, which an
    // idle service never needs (ADR 0046). volatile + the lock: made once, read without locking afterwards.
    private final Object creating = new Object();
    private volatile S3AsyncClient client;
    private volatile S3Presigner presigner;

    ObjectStorage(EvidenceProperties properties) {
        this.settings = properties.s3();
    }

    private StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
    }

    /** Path-style (bucket in the path): s3proxy, MinIO and Ceph behind one host name, and the gateway routes a path. */
    private static S3Configuration pathStyle() {
        return S3Configuration.builder().pathStyleAccessEnabled(true).build();
    }

    /** Whether the S3 client or the presigner has been made yet (an idle service has neither). */
    boolean started() {
        return client != null || presigner != null;
    }

    /**
     * The async client, made on the first call on a boundedElastic thread: building it reads a thousand classes out of
     * the jar, file reads that must not run on an event loop.
     */
    private Mono<S3AsyncClient> client() {
        S3AsyncClient made = client;
        return made != null
                ? Mono.just(made)
                : Mono.fromCallable(this::makeClient).subscribeOn(Schedulers.boundedElastic());
    }

    private S3AsyncClient makeClient() {
        synchronized (creating) {
            if (client == null) {
                client = S3AsyncClient.builder()
                        .endpointOverride(URI.create(settings.endpoint()))
                        .region(Region.of(settings.region()))
                        .credentialsProvider(credentials())
                        .serviceConfiguration(pathStyle())
                        // Only the checksums S3 requires: older MinIO/Ceph and s3proxy refuse the SDK's default
                        // trailers.
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(32))
                        .build();
            }
            return client;
        }
    }

    /** The presigner, made on the first call on a boundedElastic thread, as the client. Signing itself is CPU only. */
    private Mono<S3Presigner> presigner() {
        S3Presigner made = presigner;
        return made != null
                ? Mono.just(made)
                : Mono.fromCallable(this::makePresigner).subscribeOn(Schedulers.boundedElastic());
    }

    private S3Presigner makePresigner() {
        synchronized (creating) {
            if (presigner == null) {
                presigner = S3Presigner.builder()
                        .endpointOverride(URI.create(settings.publicEndpoint()))
                        .region(Region.of(settings.region()))
                        .credentialsProvider(credentials())
                        .serviceConfiguration(pathStyle())
                        .build();
            }
            return presigner;
        }
    }

    /**
     * A PUT for exactly {@code size} bytes of {@code mediaType} that creates the object only if it does not exist
     * ({@code If-None-Match: *}, signed, so the client cannot drop it): a second upload to the same key is refused by
     * the store itself (412) and an object, once written, is never overwritten.
     */
    Mono<Presigned> presignPut(String key, String mediaType, long size, Duration ttl) {
        return presigner().map(signer -> presignPut(signer, key, mediaType, size, ttl));
    }

    private Presigned presignPut(S3Presigner signer, String key, String mediaType, long size, Duration ttl) {
        PresignedPutObjectRequest presigned = signer.presignPutObject(PutObjectPresignRequest.builder()
                .signatureDuration(ttl)
                .putObjectRequest(PutObjectRequest.builder()
                        .bucket(settings.bucket())
                        .key(key)
                        .contentType(mediaType)
                        .contentLength(size)
                        .ifNoneMatch("*")
                        .build())
                .build());
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            // the browser sets Host and Content-Length itself (and may not set them)
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new Presigned(presigned.url().toString(), headers, presigned.expiration());
    }

    /** A GET that the store answers with {@code attachment} and the given type, whatever the object's metadata. */
    Mono<Presigned> presignGet(String key, String contentType, String contentDisposition, Duration ttl) {
        return presigner().map(signer -> presignGet(signer, key, contentType, contentDisposition, ttl));
    }

    private Presigned presignGet(
            S3Presigner signer, String key, String contentType, String contentDisposition, Duration ttl) {
        var presigned = signer.presignGetObject(GetObjectPresignRequest.builder()
                .signatureDuration(ttl)
                .getObjectRequest(GetObjectRequest.builder()
                        .bucket(settings.bucket())
                        .key(key)
                        .responseContentType(contentType)
                        .responseContentDisposition(contentDisposition)
                        .build())
                .build());
        return new Presigned(presigned.url().toString(), Map.of(), presigned.expiration());
    }

    /** Reads the object through and hashes it as it streams; empty when there is no such object. */
    Mono<Digest> digest(String key) {
        return client().flatMap(s3client -> Mono.fromFuture(() -> s3client.getObject(
                        GetObjectRequest.builder()
                                .bucket(settings.bucket())
                                .key(key)
                                .build(),
                        AsyncResponseTransformer.toPublisher())))
                .flatMap(publisher -> Flux.from(publisher)
                        .reduce(new Hashing(), Hashing::update)
                        .map(Hashing::digest))
                .onErrorResume(ObjectStorage::missing, e -> Mono.empty());
    }

    Mono<Void> delete(String key) {
        return client().flatMap(s3client -> Mono.fromFuture(() ->
                        s3client.deleteObject(b -> b.bucket(settings.bucket()).key(key))))
                .then();
    }

    /** Whether the object exists (a HEAD). */
    Mono<Boolean> exists(String key) {
        return client().flatMap(s3client -> Mono.fromFuture(() ->
                        s3client.headObject(b -> b.bucket(settings.bucket()).key(key))))
                .map(response -> true)
                .onErrorResume(ObjectStorage::missing, e -> Mono.just(false));
    }

    /** The local platform creates its bucket; in a cluster the operator does (createBucket false). */
    @EventListener(ApplicationReadyEvent.class)
    void createBucketIfAsked() {
        if (!settings.createBucket()) {
            return;
        }
        client().flatMap(s3client -> Mono.fromFuture(() -> s3client.headBucket(b -> b.bucket(settings.bucket())))
                        .then()
                        .onErrorResume(
                                ObjectStorage::missing,
                                e -> Mono.fromFuture(() -> s3client.createBucket(b -> b.bucket(settings.bucket())))
                                        .then()))
                .subscribe(
                        ok -> {},
                        e -> log.warn("evidence bucket {} not available: {}", settings.bucket(), e.toString()),
                        () -> log.info("evidence bucket {} ready", settings.bucket()));
    }

    private static boolean missing(Throwable e) {
        return e instanceof NoSuchKeyException
                || e instanceof NoSuchBucketException
                || (e instanceof S3Exception s3 && s3.statusCode() == 404);
    }

    @Override
    public void destroy() {
        synchronized (creating) {
            if (presigner != null) {
                presigner.close();
            }
            if (client != null) {
                client.close();
            }
        }
    }

    /** SHA-256 and length over the streamed buffers (CPU only, nothing blocks). */
    private static final class Hashing {
        private final MessageDigest sha256;
        private long size;

        Hashing() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Hashing update(ByteBuffer buffer) {
            size += buffer.remaining();
            sha256.update(buffer);
            return this;
        }

        Digest digest() {
            return new Digest(size, HexFormat.of().formatHex(sha256.digest()));
        }
    }
}
