package org.permitwatch.inspection.evidence;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.evidence.*}: where evidence files are kept and what is accepted (ADR 0031).
 *
 * @param s3            the S3 API (s3proxy locally, MinIO/Ceph/AWS in a cluster)
 * @param maxSize       largest file accepted, bytes (default 100 MiB: a few minutes of phone video; a larger
 *                      declaration is refused before any URL is issued, and the signed Content-Length caps the PUT)
 * @param mediaTypes    media types a file may be declared with; never HTML, SVG or script (they would be active
 *                      content if served back); default photos, video, audio, PDF, CSV and XLSX
 * @param uploadTtl     how long a presigned PUT is valid (default 15 min: one photo over a slow mobile link)
 * @param downloadTtl   how long a presigned GET is valid (default 2 min: the browser follows it at once)
 * @param expiryGrace   how long after its upload link expired a declaration without bytes is kept DECLARED before the
 *                      expiry job marks it EXPIRED (default 15 min: a PUT started just before the link expired may
 *                      still be streaming, and the device's clock may be late)
 * @param expiryBatch   declarations the expiry job handles per run (default 500; the rest wait for the next run)
 */
@Validated
@ConfigurationProperties("permitwatch.evidence")
record EvidenceProperties(
        @Valid @NotNull S3 s3,
        Long maxSize,
        List<String> mediaTypes,
        Duration uploadTtl,
        Duration downloadTtl,
        Duration expiryGrace,
        Integer expiryBatch) {

    EvidenceProperties {
        maxSize = maxSize == null ? 100L * 1024 * 1024 : maxSize;
        mediaTypes = mediaTypes == null || mediaTypes.isEmpty()
                ? List.of(
                        "image/jpeg",
                        "image/png",
                        "image/webp",
                        "image/heic",
                        "video/mp4",
                        "video/quicktime",
                        "audio/mp4",
                        "audio/mpeg",
                        "audio/aac",
                        "application/pdf",
                        "text/csv",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                : List.copyOf(mediaTypes);
        uploadTtl = uploadTtl == null ? Duration.ofMinutes(15) : uploadTtl;
        downloadTtl = downloadTtl == null ? Duration.ofMinutes(2) : downloadTtl;
        expiryGrace = expiryGrace == null ? Duration.ofMinutes(15) : expiryGrace;
        expiryBatch = expiryBatch == null ? 500 : expiryBatch;
    }

    /**
     * @param endpoint       the S3 API as this service reaches it (e.g. http://127.0.0.1:9000/evidence-store)
     * @param publicEndpoint the same API as a browser reaches it, through the gateway (one origin, ADR 0031); presigned
     *                       URLs are signed for this host and path. Defaults to {@code endpoint}
     * @param region         signing region (any value s3proxy/MinIO accept; AWS: the bucket's region)
     * @param bucket         the bucket of evidence files (created at start-up when {@code createBucket})
     * @param accessKey      from a Secret in a cluster, never in a file
     * @param secretKey      from a Secret in a cluster, never in a file
     * @param createBucket   create the bucket if it is missing (local platform); in a cluster the operator creates it
     */
    record S3(
            @NotBlank String endpoint,
            String publicEndpoint,
            @NotBlank String region,
            @NotBlank String bucket,
            @NotBlank String accessKey,
            @NotBlank String secretKey,
            boolean createBucket) {

        S3 {
            publicEndpoint = publicEndpoint == null || publicEndpoint.isBlank() ? endpoint : publicEndpoint;
        }
    }
}
