package org.permitwatch.inspection.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The S3 SDK is made on first use (ADR 0046): a service that never handles a file never loads it. No server is needed:
 * presigning is local signing.
 */
class ObjectStorageTest {

    private static EvidenceProperties properties() {
        return new EvidenceProperties(
                new EvidenceProperties.S3(
                        "http://127.0.0.1:1/evidence-store",
                        "http://localhost:8080/evidence-store",
                        "us-east-1",
                        "permitwatch-evidence",
                        "local-identity",
                        "not-a-real-secret",
                        false),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void nothingIsMadeUntilTheFirstUse() throws Exception {
        ObjectStorage storage = new ObjectStorage(properties());
        try {
            assertThat(storage.started()).isFalse();

            ObjectStorage.Presigned link = storage.presignGet(
                            "records/r/e", "image/jpeg", "attachment", Duration.ofMinutes(2))
                    .block();

            assertThat(storage.started()).isTrue();
            // signed for the public endpoint (the gateway), path-style: bucket in the path
            assertThat(link).isNotNull();
            assertThat(link.url())
                    .startsWith("http://localhost:8080/evidence-store/permitwatch-evidence/records/r/e?")
                    .contains("X-Amz-Signature=");
        } finally {
            storage.destroy();
        }
    }

    @Test
    void closingAnUnusedStorageMakesNothing() throws Exception {
        ObjectStorage storage = new ObjectStorage(properties());
        storage.destroy();
        assertThat(storage.started()).isFalse();
    }
}
