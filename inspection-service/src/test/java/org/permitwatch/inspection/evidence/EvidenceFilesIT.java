package org.permitwatch.inspection.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.InspectionIntegrationTest;
import org.permitwatch.testsupport.TestJwts;
import org.permitwatch.testsupport.TestS3;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Evidence files against a real S3 API server (s3proxy over the file system, platform-test-support's {@link TestS3}):
 * the service presigns, the test uploads over HTTP as a phone would, the service reads the object back. Records,
 * tasks and inspectors are inserted with SQL into the tables other features own.
 */
@InspectionIntegrationTest
class EvidenceFilesIT {

    private static final String CITY = "140100";
    private static final String COUNTY = "140105";
    private static final String OTHER_CITY = "140200";

    /**
     * A 1,024-byte "photo": JPEG's start-of-image marker FF D8 FF E0 and 1,020 bytes counting 0..254 over and over
     * (4 + 1,020 = 1,024 bytes).
     */
    private static final byte[] PHOTO = photo((byte) 0);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    ObjectStorage storage;

    @Autowired
    EvidenceExpiryJob expiry;

    private UUID inspector;
    private UUID otherInspector;
    private UUID record;

    @BeforeEach
    void recordOfAnAssignedInspector() {
        inspector = newInspector();
        otherInspector = newInspector();
        record = newRecord(COUNTY, inspector);
    }

    @Test
    void aDeclaredUploadedAndConfirmedPhotoIsKeptWithWhoWhenWhereAndHash() throws Exception {
        Map<String, Object> declared = declare(
                        record, inspectorToken(inspector), "现场照片1.jpg", "image/jpeg", PHOTO.length, sha256(PHOTO))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> evidence = map(declared.get("evidence"));
        Map<String, Object> upload = map(declared.get("upload"));
        assertThat(evidence.get("status")).isEqualTo("DECLARED");
        assertThat(evidence.get("size")).isEqualTo(1024);
        assertThat(upload.get("method")).isEqualTo("PUT");
        // the PUT is create-only and typed: the client must send both headers, they are part of the signature
        assertThat(map(upload.get("headers")))
                .containsEntry("if-none-match", "*")
                .containsEntry("content-type", "image/jpeg");

        assertThat(put(upload, PHOTO).statusCode()).isEqualTo(200);
        String id = (String) evidence.get("id");
        Map<String, Object> kept = confirm(record, id, inspectorToken(inspector))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(kept.get("status")).isEqualTo("KEPT");
        assertThat(kept.get("confirmedBy")).isEqualTo(inspector.toString());
        assertThat(kept.get("sha256")).isEqualTo(sha256(PHOTO));
        assertThat(map(kept.get("location"))).containsEntry("lat", 37.8706).containsEntry("lon", 112.5489);
        Map<String, Object> audit = db.sql("SELECT action, details::text AS details FROM audit_log "
                        + "WHERE resource_id = :id AND action = 'evidence.kept'")
                .bind("id", id)
                .fetch()
                .one()
                .block();
        assertThat((String) audit.get("details"))
                .contains(sha256(PHOTO))
                .contains("37.8706")
                .contains("112.5489")
                .contains("\"size\": 1024");

        // The same bytes declared again (a retry of the phone's outbox): the same declaration, no new upload
        Map<String, Object> again = declare(
                        record, inspectorToken(inspector), "现场照片1.jpg", "image/jpeg", PHOTO.length, sha256(PHOTO))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(map(again.get("evidence")).get("id")).isEqualTo(id);
        assertThat(map(again.get("evidence")).get("status")).isEqualTo("KEPT");
        assertThat(again.get("upload")).isNull();

        // The city downloads it: an attachment, and the bytes hash to the declared SHA-256
        String url = downloadUrl(record, id, TestJwts.token("CITY", CITY));
        HttpResponse<byte[]> file = get(url);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(sha256(file.body())).isEqualTo(sha256(PHOTO));
        assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment;")
                .contains("filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%871.jpg");
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("image/jpeg");

        // listed for the record, one file
        web.get()
                .uri("/api/v1/inspections/" + record + "/evidence")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", CITY))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].fileName")
                .isEqualTo("现场照片1.jpg");
    }

    @Test
    void aFileWhoseHashDiffersIsRefusedRemovedAndTheDeclarationKept() throws Exception {
        byte[] other = photo((byte) 1); // the same 1,024 bytes long, other content
        Map<String, Object> declared = declare(
                        record, inspectorToken(inspector), "a.jpg", "image/jpeg", PHOTO.length, sha256(PHOTO))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String id = (String) map(declared.get("evidence")).get("id");
        assertThat(put(map(declared.get("upload")), other).statusCode()).isEqualTo(200);

        confirm(record, id, inspectorToken(inspector))
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("evidence-sha256-mismatch")
                .jsonPath("$.errors[0].field")
                .isEqualTo("sha256");

        assertThat(storage.exists(EvidenceService.objectKey(record, UUID.fromString(id)))
                        .block())
                .isFalse();
        Map<String, Object> row = evidenceRow(id);
        assertThat(row.get("status")).isEqualTo("REFUSED");
        assertThat((String) row.get("refusal_reason")).contains("sha256").contains(sha256(other));
        assertThat(auditCount(id, "evidence.refused")).isEqualTo(1);
        // refused once and for all: no second confirmation, no download
        confirm(record, id, inspectorToken(inspector)).expectStatus().isEqualTo(409);
        web.get()
                .uri("/api/v1/inspections/" + record + "/evidence/" + id + "/download")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.token("CITY", CITY))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        // the corrected file is a new declaration next to the refused one
        declare(record, inspectorToken(inspector), "a.jpg", "image/jpeg", PHOTO.length, sha256(PHOTO))
                .expectStatus()
                .isCreated();
    }

    @Test
    void aFileOfAnotherSizeIsRefused() throws Exception {
        byte[] longer = Arrays.copyOf(PHOTO, 1_025); // 1,024 + 1 byte
        Map<String, Object> declared = declare(
                        record, inspectorToken(inspector), "b.jpg", "image/jpeg", PHOTO.length, sha256(PHOTO))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String id = (String) map(declared.get("evidence")).get("id");
        String key = EvidenceService.objectKey(record, UUID.fromString(id));

        // the presigned PUT is signed for exactly 1,024 bytes: the store refuses 1,025
        assertThat(put(map(declared.get("upload")), longer).statusCode()).isEqualTo(403);
        assertThat(storage.exists(key).block()).isFalse();

        // bytes written to the key some other way (not through the URL) are still checked on confirmation
        try (S3AsyncClient s3 = adminClient()) {
            s3.putObject(b -> b.bucket(TestS3.BUCKET).key(key), AsyncRequestBody.fromBytes(longer))
                    .join();
        }
        confirm(record, id, inspectorToken(inspector))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("evidence-size-mismatch")
                .jsonPath("$.errors[0].field")
                .isEqualTo("size")
                .jsonPath("$.errors[0].message")
                .isEqualTo("the uploaded file has 1025 bytes");
        assertThat(storage.exists(key).block()).isFalse();
        assertThat(evidenceRow(id).get("status")).isEqualTo("REFUSED");
    }

    @Test
    void aSecondUploadToTheSameKeyIsRefusedAndNeverOverwrites() throws Exception {
        Map<String, Object> declared = declare(
                        record, inspectorToken(inspector), "c.jpg", "image/jpeg", PHOTO.length, sha256(PHOTO))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> upload = map(declared.get("upload"));
        String id = (String) map(declared.get("evidence")).get("id");
        assertThat(put(upload, PHOTO).statusCode()).isEqualTo(200);
        // before the confirmation, with the same still valid URL: 412 Precondition Failed (If-None-Match: *)
        assertThat(put(upload, photo((byte) 2)).statusCode()).isEqualTo(412);
        confirm(record, id, inspectorToken(inspector)).expectStatus().isOk();
        // and after it
        assertThat(put(upload, photo((byte) 3)).statusCode()).isEqualTo(412);
        // the URL without the If-None-Match header it was signed with is refused too (signature)
        HttpRequest.Builder plain = HttpRequest.newBuilder(URI.create((String) upload.get("url")))
                .header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(photo((byte) 4)));
        assertThat(HTTP.send(plain.build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(403);
        confirm(record, id, inspectorToken(inspector))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("evidence-already-confirmed");
        // what is kept is still the first upload
        HttpResponse<byte[]> file = get(downloadUrl(record, id, TestJwts.token("CITY", CITY)));
        assertThat(sha256(file.body())).isEqualTo(sha256(PHOTO));
    }

    @Test
    void aDownloadOutsideTheRecordsScopeIsRefusedAndAudited() throws Exception {
        String id = keptPhoto();
        for (String token : List.of(TestJwts.token("CITY", OTHER_CITY), inspectorToken(otherInspector))) {
            web.get()
                    .uri("/api/v1/inspections/" + record + "/evidence/" + id + "/download")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("evidence-not-found");
        }
        assertThat(auditCount(id, "evidence.download-refused")).isEqualTo(2);
        // the province reads everything in Shanxi; the county of the record too
        assertThat(get(downloadUrl(record, id, TestJwts.token("PROVINCE", "140000")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(get(downloadUrl(record, id, TestJwts.token("COUNTY", COUNTY)))
                        .statusCode())
                .isEqualTo(200);
        // declaring and confirming need a writer of the record: not the other city, not the province
        declare(record, TestJwts.token("CITY", OTHER_CITY), "d.jpg", "image/jpeg", 10, sha256(new byte[10]))
                .expectStatus()
                .isNotFound();
        declare(record, TestJwts.token("PROVINCE", "140000"), "d.jpg", "image/jpeg", 10, sha256(new byte[10]))
                .expectStatus()
                .isForbidden();
    }

    @Test
    void anExpiredOrForgedUrlIsRefused() throws Exception {
        String id = keptPhoto();
        String url = downloadUrl(record, id, TestJwts.token("CITY", CITY));
        // forged: another signature, or the signature of this object used for another key
        String signature = url.replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        String flipped = (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1);
        assertThat(get(url.replace(signature, flipped)).statusCode()).isEqualTo(403);
        String otherKey = EvidenceService.objectKey(record, UUID.randomUUID());
        assertThat(get(url.replace(EvidenceService.objectKey(record, UUID.fromString(id)), otherKey))
                        .statusCode())
                .isEqualTo(403);
        // expired: a link valid for 3 s, used at once and after 3.1 s. The signature's X-Amz-Date is truncated to the
        // second, so a link of N seconds is good for between N-1 and N after it is signed: with 1 s, a link signed
        // late in a second was already expired at its first use (seen in session 24).
        ObjectStorage.Presigned shortLived = storage.presignGet(
                        EvidenceService.objectKey(record, UUID.fromString(id)),
                        "image/jpeg",
                        "attachment",
                        Duration.ofSeconds(3))
                .block();
        assertThat(shortLived).isNotNull();
        assertThat(get(shortLived.url()).statusCode()).isEqualTo(200);
        Thread.sleep(3_100);
        assertThat(get(shortLived.url()).statusCode()).isEqualTo(403);
    }

    @Test
    void activeContentHugeFilesAndBadHashesAreRefusedBeforeAnyUrl() {
        for (String type : List.of("text/html", "image/svg+xml", "application/javascript")) {
            declare(record, inspectorToken(inspector), "x", type, 10, sha256(new byte[10]))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("mediaType");
        }
        // max-size 100 MiB = 104,857,600 bytes; one more is refused
        declare(record, inspectorToken(inspector), "big.mp4", "video/mp4", 104_857_601L, sha256(new byte[10]))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("size");
        declare(record, inspectorToken(inspector), "x.jpg", "image/jpeg", 10, "not-a-hash")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("sha256");
        assertThat(db.sql("SELECT count(*) AS n FROM evidence_file WHERE record_id = :r")
                        .bind("r", record)
                        .map(r -> r.get("n", Long.class))
                        .one()
                        .block())
                .isZero();
    }

    @Test
    void aDeclarationWhoseFileNeverArrivesExpiresAndALateFileIsRefused() throws Exception {
        byte[] never = photo((byte) 7);
        byte[] uploaded = photo((byte) 8);
        Map<String, Object> a = declared(never, "never.jpg");
        Map<String, Object> b = declared(uploaded, "waiting.jpg");
        String neverId = (String) map(a.get("evidence")).get("id");
        String waitingId = (String) map(b.get("evidence")).get("id");
        String keptId = keptPhoto();
        // b's bytes arrived in time but are not confirmed yet: the job must not touch them
        assertThat(put(map(b.get("upload")), uploaded).statusCode()).isEqualTo(200);

        // the row's expiry is the link's: upload-ttl (15 min) after the declaration
        OffsetDateTime expires = uploadExpiresAt(neverId);
        assertThat(expires.toEpochSecond())
                .isEqualTo(OffsetDateTime.parse((String) map(a.get("upload")).get("expiresAt"))
                        .toEpochSecond());
        // grace 15 min: 1 s before link expiry + grace nothing of these expires, 1 s after `never` does
        Instant edge = expires.toInstant().plus(Duration.ofMinutes(15));
        expiry.run(Clock.fixed(edge.minusSeconds(1), ZoneOffset.UTC)).block();
        assertThat(evidenceRow(neverId).get("status")).isEqualTo("DECLARED");

        long expiredBefore = statusCount("EXPIRED");
        Integer expired =
                expiry.run(Clock.fixed(edge.plusSeconds(1), ZoneOffset.UTC)).block();
        assertThat(evidenceRow(neverId).get("status")).isEqualTo("EXPIRED");
        // the run reports exactly the rows it changed (other methods' open declarations of this class included)
        assertThat(expired.longValue()).isEqualTo(statusCount("EXPIRED") - expiredBefore);
        assertThat(auditCount(neverId, "evidence.expired")).isEqualTo(1);
        assertThat(evidenceRow(waitingId).get("status")).isEqualTo("DECLARED");
        assertThat(storage.exists(EvidenceService.objectKey(record, UUID.fromString(waitingId)))
                        .block())
                .isTrue();
        assertThat(evidenceRow(keptId).get("status")).isEqualTo("KEPT");
        // a second run (another replica) changes and audits nothing more
        expiry.run(Clock.fixed(edge.plusSeconds(2), ZoneOffset.UTC)).block();
        assertThat(auditCount(neverId, "evidence.expired")).isEqualTo(1);

        // the file arrives late (its link was still valid in real time): refused at confirmation and removed
        assertThat(put(map(a.get("upload")), never).statusCode()).isEqualTo(200);
        confirm(record, neverId, inspectorToken(inspector))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("evidence-expired");
        assertThat(storage.exists(EvidenceService.objectKey(record, UUID.fromString(neverId)))
                        .block())
                .isFalse();
        assertThat(auditCount(neverId, "evidence.late-refused")).isEqualTo(1);
        assertThat(evidenceRow(neverId).get("status")).isEqualTo("EXPIRED");

        // the same bytes declared again: a new declaration, not the expired one
        String again =
                (String) map(declared(never, "never.jpg").get("evidence")).get("id");
        assertThat(again).isNotEqualTo(neverId);
        // a retried declaration presigns a fresh link and moves the expiry with it (never earlier)
        exec("UPDATE evidence_file SET upload_expires_at = upload_expires_at - interval '10 minutes' WHERE id = '"
                + again + "'");
        OffsetDateTime moved = uploadExpiresAt(again);
        Map<String, Object> retried = declare(
                        record, inspectorToken(inspector), "never.jpg", "image/jpeg", never.length, sha256(never))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(map(retried.get("evidence")).get("id")).isEqualTo(again);
        assertThat(uploadExpiresAt(again)).isAfter(moved);
    }

    private Map<String, Object> declared(byte[] bytes, String name) {
        return declare(record, inspectorToken(inspector), name, "image/jpeg", bytes.length, sha256(bytes))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private OffsetDateTime uploadExpiresAt(String id) {
        return db.sql("SELECT upload_expires_at FROM evidence_file WHERE id = :id")
                .bind("id", UUID.fromString(id))
                .map(r -> r.get(0, OffsetDateTime.class))
                .one()
                .block();
    }

    private long statusCount(String status) {
        return db.sql("SELECT count(*) AS n FROM evidence_file WHERE status = :s")
                .bind("s", status)
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private String keptPhoto() throws Exception {
        Map<String, Object> declared = declare(
                        record, inspectorToken(inspector), "k.jpg", "image/jpeg", PHOTO.length, sha256(PHOTO))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String id = (String) map(declared.get("evidence")).get("id");
        assertThat(put(map(declared.get("upload")), PHOTO).statusCode()).isEqualTo(200);
        confirm(record, id, inspectorToken(inspector)).expectStatus().isOk();
        return id;
    }

    private WebTestClient.ResponseSpec declare(
            UUID recordId, String token, String name, String type, long size, String sha256) {
        return web.post()
                .uri("/api/v1/inspections/" + recordId + "/evidence")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "fileName", name,
                        "mediaType", type,
                        "size", size,
                        "sha256", sha256,
                        "takenAt", "2026-11-20T09:30:00+08:00",
                        "location", Map.of("lat", 37.8706, "lon", 112.5489)))
                .exchange();
    }

    private WebTestClient.ResponseSpec confirm(UUID recordId, String id, String token) {
        return web.post()
                .uri("/api/v1/inspections/" + recordId + "/evidence/" + id + "/confirm")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange();
    }

    private String downloadUrl(UUID recordId, String id, String token) {
        return (String) web.get()
                .uri("/api/v1/inspections/" + recordId + "/evidence/" + id + "/download")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("url");
    }

    /** A PUT as the phone sends it: the signed headers, the bytes. */
    private static HttpResponse<String> put(Map<String, Object> upload, byte[] bytes)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create((String) upload.get("url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        map(upload.get("headers")).forEach((name, value) -> request.header(name, (String) value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static S3AsyncClient adminClient() {
        return S3AsyncClient.builder()
                .endpointOverride(URI.create(TestS3.endpoint()))
                .region(Region.of(TestS3.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
    }

    private Map<String, Object> evidenceRow(String id) {
        return db.sql("SELECT status, refusal_reason FROM evidence_file WHERE id = :id")
                .bind("id", UUID.fromString(id))
                .fetch()
                .one()
                .block();
    }

    private long auditCount(String id, String action) {
        return db.sql("SELECT count(*) AS n FROM audit_log WHERE resource_id = :id AND action = :action")
                .bind("id", id)
                .bind("action", action)
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
    }

    private UUID newInspector() {
        UUID id = UUID.randomUUID();
        exec("INSERT INTO inspector (id, certificate_no, name, division_code, on_post) VALUES ('" + id + "', 'CERT-"
                + id + "', '检查员', '" + CITY + "', true)");
        return id;
    }

    /** A submitted record of a task in {@code county} assigned to {@code assignee}. */
    private UUID newRecord(String county, UUID assignee) {
        UUID task = UUID.randomUUID();
        String permit = "91140105MA0EVID" + task.toString().substring(0, 4) + "001P";
        exec("INSERT INTO inspection_task (id, permit_number, division_code, city_code, origin, method, due_date, "
                + "period_month, status, departments, created_by) VALUES ('" + task + "', '" + permit + "', '" + county
                + "', '" + county.substring(0, 4) + "00', 'MANUAL', 'ON_SITE', current_date + 10, '2026-06', "
                + "'DONE', ARRAY['ENVIRONMENT_ENFORCEMENT'], 'test')");
        exec("INSERT INTO task_inspector (task_id, inspector_id) VALUES ('" + task + "', '" + assignee + "')");
        UUID id = UUID.randomUUID();
        exec("INSERT INTO inspection_record (id, task_id, permit_number, unit_name, division_code, city_code, "
                + "key_industry, checklist_version_id, status, current_version, content, created_by, submitted_at) "
                + "VALUES ('" + id + "', '" + task + "', '" + permit + "', '太原测试焦化有限公司', '" + county + "', '"
                + county.substring(0, 4) + "00', 'COKING', '" + UUID.randomUUID() + "', 'SUBMITTED', 1, '{}', '"
                + assignee + "', now())");
        return id;
    }

    private void exec(String sql) {
        db.sql(sql).then().block();
    }

    private static String inspectorToken(UUID inspectorId) {
        return TestJwts.builder()
                .subject(inspectorId.toString())
                .roles("INSPECTOR")
                .division(CITY)
                .build();
    }

    private static byte[] photo(byte seed) {
        byte[] bytes = new byte[1_024];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[3] = (byte) 0xE0;
        for (int i = 4; i < bytes.length; i++) {
            bytes[i] = (byte) ((i - 4 + seed) % 255);
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
