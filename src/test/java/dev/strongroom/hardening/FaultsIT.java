package dev.strongroom.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.VaultProcess;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;

/**
 * Faults around one packaged vault: WireMock in proxy mode between the vault and moto_server injects
 * S3 errors, throttling, latency and broken connections, and makes CloudWatch Logs unavailable; the
 * data volume is a small tmpfs the test fills; the catalog is an H2 server the test stops. In every
 * case the vault answers with a clear error or retries, never marks a document BACKED_UP that S3
 * (asked directly, not through the proxy) does not hold with its checksum, and recovers completely.
 * The same vault also proves session expiry, sign-in throttling and the idle timeout, which need
 * settings (seconds, not minutes) or abuse (of the per-address throttle) the shared test app cannot take.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final String DOCUMENT_PUTS = "/" + MotoEmulator.BUCKET + "/documents/.*";
    private static final int TMPFS_MIB = 16;

    private MotoEmulator moto;
    private WireMockServer proxy;
    private Server catalog;
    private int catalogPort;
    private Path work;
    private Path dataDir;
    private boolean mounted;
    private VaultProcess vault;
    private String alice;
    private String olga;
    private String audrey;
    /** Every document the vault accepted, with the SHA-256 of what was sent. */
    private final Map<String, String> stored = new LinkedHashMap<>();
    private final Map<String, String> outcomes = new LinkedHashMap<>();
    private int verifiedIntact;
    /** Faults injected into S3, CloudWatch Logs, the data volume, the catalog and a client connection. */
    private int faultsInjected;

    @BeforeAll
    void start() throws Exception {
        moto = MotoEmulator.startProvisioned();
        proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(20));
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().proxiedFrom(moto.endpoint())));
        work = Path.of("target", "it-faults-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        dataDir = work.resolve("data");
        Files.createDirectories(dataDir);
        mounted = DiskSpace.mountTmpfs(dataDir, TMPFS_MIB);
        catalogPort = freePort();
        startCatalog();
        vault = VaultProcess.start(dataDir, vaultEnv(), null, "faults");
        RestAssured.port = vault.port();
        alice = Vault.user("alice", "analyst");
        olga = Vault.user("olga", "ops");
        audrey = Vault.user("audrey", "auditor");
        for (int i = 0; i < 3; i++) {
            upload("before-" + i + ".txt", Samples.text(20_000 + i));
        }
    }

    private Map<String, String> vaultEnv() {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("STRONGROOM_AWS_ENDPOINT", proxy.baseUrl());
        env.put("STRONGROOM_BACKUP_CRON", "off");
        env.put("STRONGROOM_AWS_ATTEMPT_TIMEOUT", "PT2S");
        env.put("STRONGROOM_AWS_MAX_ATTEMPTS", "2");
        env.put("STRONGROOM_AUDIT_CLOUDWATCH_RETRY_BASE_DELAY", "PT0.2S");
        env.put("STRONGROOM_AUDIT_CLOUDWATCH_RETRY_MAX_DELAY", "PT1S");
        env.put("STRONGROOM_AUDIT_CLOUDWATCH_POLL_INTERVAL", "PT0.2S");
        env.put("STRONGROOM_AUDIT_CLOUDWATCH_CHECK_CRON", "off");
        env.put("STRONGROOM_AUDIT_DIGEST_EVERY", "off");
        env.put("STRONGROOM_METRICS_ENABLED", "false");
        env.put("STRONGROOM_SNAPSHOTS_IMDS_ENABLED", "false");
        env.put("STRONGROOM_UPLOAD_MAX_FILE_BYTES", Integer.toString(4 * 1024 * 1024));
        env.put("STRONGROOM_STORE_MIN_FREE_BYTES", "0");
        // A 16 MiB volume: keep 128 KiB of it above the floor for the catalog and 512 KiB in the journal's reserve.
        env.put("STRONGROOM_STORE_WRITE_FLOOR_BYTES", Integer.toString(128 * 1024));
        env.put("STRONGROOM_AUDIT_JOURNAL_RESERVE_BYTES", Integer.toString(512 * 1024));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:h2:tcp://127.0.0.1:" + catalogPort + "/catalog");
        // Seconds instead of minutes, so expiry and the idle cut-off are observable in a test.
        env.put("QUARKUS_HTTP_AUTH_FORM_TIMEOUT", "PT3S");
        env.put("QUARKUS_HTTP_AUTH_FORM_NEW_COOKIE_INTERVAL", "PT1S");
        // Long enough for a cold first upload on a busy machine; the stall case waits this long.
        env.put("QUARKUS_HTTP_IDLE_TIMEOUT", "6s");
        // A stopped catalog must fail a request well before the idle timeout cuts its connection.
        env.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "2s");
        return env;
    }

    @AfterAll
    void stop() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("faultsInjected", faultsInjected);
        counts.put("outcomes", outcomes);
        counts.put("documentsStored", stored.size());
        counts.put("documentsVerifiedIntact", verifiedIntact);
        counts.put("tmpfsDataVolume", mounted);
        ReliabilityCounts.record("faults", counts);
        if (vault != null) {
            vault.close();
        }
        if (catalog != null) {
            catalog.stop();
        faultsInjected++;
        }
        if (proxy != null) {
            proxy.stop();
        }
        if (moto != null) {
            moto.close();
        }
        if (mounted) {
            DiskSpace.unmount(dataDir);
        }
        RestAssured.reset();
    }

    // ------------------------------------------------------------------ S3

    /** A fault on every document PUT, what the run must end as, and a name for the doc table. */
    record S3Fault(String name, Supplier<ResponseDefinitionBuilder> response, boolean runSucceeds) {
    }

    static List<S3Fault> s3Faults() {
        String error = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>%s</Code><Message>%s</Message></Error>";
        return List.of(
                new S3Fault("S3 500 InternalError", () -> aResponse().withStatus(500).withHeader("Content-Type",
                        "application/xml").withBody(error.formatted("InternalError", "We encountered an internal error")),
                        false),
                new S3Fault("S3 503 SlowDown", () -> aResponse().withStatus(503).withHeader("Content-Type",
                        "application/xml").withBody(error.formatted("SlowDown", "Please reduce your request rate.")),
                        false),
                new S3Fault("connection reset by peer mid-upload",
                        () -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), false),
                new S3Fault("random data, then close", () -> aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
                        false),
                new S3Fault("latency beyond the attempt timeout (2.5 s against 2 s)",
                        () -> aResponse().proxiedFrom("").withFixedDelay(2500), false),
                new S3Fault("200 OK without storing anything (a lying endpoint)", () -> aResponse().withStatus(200)
                        .withHeader("ETag", "\"0123456789abcdef0123456789abcdef\"")
                        .withHeader("x-amz-version-id", "fabricated-version"), false),
                new S3Fault("latency of 500 ms per PUT, within the timeout",
                        () -> aResponse().proxiedFrom("").withFixedDelay(500), true));
    }

    @Test
    @Order(1)
    void s3FaultsDuringBackupRunsNeverMarkAnUnconfirmedDocumentAndTheNextRunRecovers() {
        assertEquals("succeeded", runBackup().getString("state"), "a clean start");
        for (S3Fault fault : s3Faults()) {
            String id = upload("fault-" + outcomes.size() + ".txt", Samples.text(30_000));
            ResponseDefinitionBuilder response = fault.response().get();
            if (response.build().getProxyBaseUrl() != null) {
                response = response.proxiedFrom(moto.endpoint());
            }
            StubMapping stub = proxy.stubFor(put(urlPathMatching(DOCUMENT_PUTS)).atPriority(1).willReturn(response));
            faultsInjected++;
            JsonPath run;
            try {
                run = runBackup();
            } finally {
                proxy.removeStub(stub);
            }
            String state = run.getString("state");
            assertEquals(fault.runSucceeds() ? "succeeded" : "failed", state, fault.name() + ": " + run.prettify());
            String backupState = document(id).getString("backupState");
            assertEquals(fault.runSucceeds() ? "BACKED_UP" : "PENDING", backupState, fault.name());
            if (!fault.runSucceeds()) {
                assertFalse(run.getList("errors").isEmpty(), "the run says what went wrong: " + run.prettify());
            }
            assertEveryBackedUpDocumentIsInS3();
            outcomes.put(fault.name(), "run " + state + ", document " + backupState
                    + (fault.runSucceeds() ? "" : "; errors: " + shorten(run.getList("errors").toString())));
        }
        JsonPath recovery = runBackup();
        assertEquals("succeeded", recovery.getString("state"), recovery.prettify());
        for (String id : stored.keySet()) {
            assertEquals("BACKED_UP", document(id).getString("backupState"), "document " + id + " after recovery");
        }
        assertEveryBackedUpDocumentIsInS3();
        // A PUT that S3 stored but answered too late is retried, so S3 may hold a second version: both must
        // be the document's bytes (extra versions cost storage until retain-until, never integrity).
        int extraVersions = 0;
        try (S3Client s3 = moto.client(MotoEmulator.REGION)) {
            for (Map.Entry<String, String> doc : stored.entrySet()) {
                List<String> versions = MotoEmulator.versionsOf(s3, MotoEmulator.BUCKET, "documents/" + doc.getKey());
                assertFalse(versions.isEmpty(), "document " + doc.getKey() + " is in S3");
                for (String version : versions) {
                    String checksum = s3.headObject(b -> b.bucket(MotoEmulator.BUCKET).key("documents/" + doc.getKey())
                            .versionId(version).checksumMode(ChecksumMode.ENABLED)).checksumSHA256();
                    assertEquals(base64(doc.getValue()), checksum, "version " + version + " of " + doc.getKey());
                }
                extraVersions += versions.size() - 1;
            }
        }
        outcomes.put("recovery run after all S3 faults", "succeeded; every document BACKED_UP and confirmed; "
                + extraVersions + " extra S3 version(s) from PUTs stored but answered too late, all with the right bytes");
    }

    private static String base64(String sha256Hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
    }

    private JsonPath runBackup() {
        String runId = Vault.as(olga).post("/api/backups/runs").then().statusCode(202).extract().path("id");
        return await("backup run " + runId + " ends").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> Vault.as(olga).get("/api/backups/runs/" + runId).then().statusCode(200).extract()
                        .jsonPath(), run -> !"running".equals(run.getString("state")));
    }

    /** Asks moto directly, past the proxy: every document the vault calls BACKED_UP is there with its checksum. */
    private void assertEveryBackedUpDocumentIsInS3() {
        try (S3Client s3 = moto.client(MotoEmulator.REGION)) {
            for (Map.Entry<String, String> doc : stored.entrySet()) {
                JsonPath view = document(doc.getKey());
                if ("BACKED_UP".equals(view.getString("backupState"))) {
                    String checksum = s3.headObject(b -> b.bucket(MotoEmulator.BUCKET).key("documents/" + doc.getKey())
                            .versionId(view.getString("backupVersionId")).checksumMode(ChecksumMode.ENABLED))
                            .checksumSHA256();
                    assertEquals(base64(doc.getValue()), checksum,
                            "S3 holds the confirmed bytes of " + doc.getKey());
                }
            }
        }
    }

    // ------------------------------------------------------------------ CloudWatch Logs

    @Test
    @Order(2)
    void cloudWatchOutageDelaysShippingAndLosesOrDuplicatesNothing() {
        StubMapping outage = proxy.stubFor(post(anyUrl()).withHeader("X-Amz-Target", containing("Logs_"))
                .atPriority(1).willReturn(aResponse().withStatus(503).withHeader("Content-Type",
                        "application/x-amz-json-1.1").withBody(
                                "{\"__type\":\"ServiceUnavailableException\",\"message\":\"injected outage\"}")));
        faultsInjected++;
        JsonPath during;
        try {
            for (int i = 0; i < 5; i++) {
                Vault.as(audrey).get("/api/documents?q=outage" + i).then().statusCode(200);
            }
            during = awaitShipping(s -> s.getInt("consecutiveFailures") > 0 && s.getLong("shippedSeq") < s.getLong("durableSeq"));
            assertTrue(String.valueOf(during.getString("lastError")).contains("injected outage"), during.prettify());
        } finally {
            proxy.removeStub(outage);
        }
        JsonPath after = awaitShipping(s -> s.getLong("shippedSeq") >= s.getLong("durableSeq")
                && s.getInt("consecutiveFailures") == 0);
        assertTrue(after.getLong("shippedSeq") > during.getLong("shippedSeq"), "shipping caught up");
        JsonPath report = Vault.as(audrey).post("/api/audit/cloudwatch/checks").then().statusCode(200).extract()
                .jsonPath();
        assertTrue(report.getBoolean("ok"), report.prettify());
        assertEquals(0, report.getInt("findingCount"), report.prettify());
        assertEquals(report.getLong("journalEvents"), report.getLong("cloudWatchEvents"), report.prettify());
        outcomes.put("CloudWatch Logs 503 for every call", "shipping paused with " + during.getInt("consecutiveFailures")
                + " failed attempts, then caught up; check: " + report.getLong("journalEvents") + " events, "
                + report.getLong("duplicates") + " harmless duplicates, 0 missing");
    }

    private JsonPath awaitShipping(java.util.function.Predicate<JsonPath> condition) {
        return await("shipping reaches the expected state").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100)).until(() -> Vault.as(olga).get("/api/audit/cloudwatch").then()
                        .statusCode(200).extract().jsonPath(), condition::test);
    }

    // ------------------------------------------------------------------ disk full

    @Test
    @Order(3)
    void aFullDataVolumeRefusesTheUploadClearlyKeepsNothingHalfWrittenAndRecovers() throws IOException {
        DiskSpace.requireMounted(mounted, dataDir);
        Path filler = dataDir.resolve("filler.bin");
        long leave = 256 * 1024;
        DiskSpace.fill(filler, Files.getFileStore(dataDir).getUsableSpace() - leave);
        faultsInjected++;
        try {
            Response refused = Vault.upload(alice, "too-big-for-the-disk.pdf", Samples.text(1024 * 1024));
            assertEquals(507, refused.statusCode(), refused.asString());
            assertEquals("application/problem+json", refused.contentType());
            assertTrue(refused.path("detail").toString().contains("data volume is full"), refused.asString());
            Response refusedBody = Vault.uploadRaw(alice, "too-big-for-the-disk-too.txt", Samples.text(1024 * 1024));
            assertEquals(507, refusedBody.statusCode(), "the file as the body: " + refusedBody.asString());
            assertTrue(refusedBody.path("detail").toString().contains("data volume is full"), refusedBody.asString());
            try (Stream<Path> temps = Files.list(dataDir.resolve("tmp"))) {
                assertEquals(List.of(), temps.toList(), "no half-written upload left behind");
            }
            assertEquals(stored.size(), (int) Vault.as(alice).get("/api/documents?size=200").then().statusCode(200)
                    .extract().path("total"), "the catalog holds no trace of the refused upload");
            assertEverythingDownloadsIntact();
        } finally {
            Files.deleteIfExists(filler);
        }
        upload("after-disk-full.txt", Samples.text(1024 * 1024));
        assertEverythingDownloadsIntact();
        outcomes.put("data volume full during an upload", "507 problem naming the full volume, as a form and as the "
                + "body; no temp file, no catalog row; next upload after space was freed: 201");
    }

    // ------------------------------------------------------------------ catalog

    @Test
    @Order(4)
    void aCatalogOutageIsAClear503MarksNothingAndTheVaultRecovers() throws SQLException {
        String pending = upload("before-catalog-outage.txt", Samples.text(5000));
        catalog.stop();
        faultsInjected++;
        try {
            Response refused = Vault.upload(alice, "during-outage.txt", Samples.text(5000));
            assertEquals(503, refused.statusCode(), refused.asString());
            assertEquals("application/problem+json", refused.contentType());
            assertTrue(refused.path("detail").toString().contains("catalog"), refused.asString());
            Response search = Vault.as(alice).get("/api/documents");
            assertEquals(503, search.statusCode(), search.asString());
            JsonPath run = Vault.as(olga).post("/api/backups/runs").then().extract().jsonPath();
            assertNotEquals("succeeded", run.getString("state"), "no backup run succeeds without a catalog");
        } finally {
            startCatalog();
        }
        awaitCatalog();
        assertEquals("PENDING", document(pending).getString("backupState"), "nothing marked during the outage");
        upload("after-catalog-outage.txt", Samples.text(5000));
        JsonPath recovery = runBackup();
        assertEquals("succeeded", recovery.getString("state"), recovery.prettify());
        for (String id : stored.keySet()) {
            assertEquals("BACKED_UP", document(id).getString("backupState"), "document " + id);
        }
        assertEveryBackedUpDocumentIsInS3();
        assertEverythingDownloadsIntact();
        outcomes.put("catalog database stopped", "uploads and searches 503 naming the catalog; no backup run; "
                + "after restart uploads, backups and downloads work");
    }

    private void startCatalog() throws SQLException {
        catalog = Server.createTcpServer("-tcpPort", Integer.toString(catalogPort), "-baseDir",
                work.resolve("catalog").toString(), "-ifNotExists").start();
    }

    private void awaitCatalog() {
        await("the vault gets its catalog back").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> Vault.as(alice).get("/api/documents").statusCode() == 200);
    }

    // ------------------------------------------------------------------ sessions, throttling, idle connections

    @Test
    @Order(5)
    void aSessionExpiresAfterItsIdleTimeout() {
        WebSession session = WebSession.signIn(alice, Vault.PASSWORD);
        session.request().get("/documents").then().statusCode(200);
        // The session cookie carries its own last-activity time, so asking with the same cookie does not renew it.
        Response expired = await("the session expires").atMost(Duration.ofMinutes(1)).pollDelay(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(250)).until(() -> session.request().accept("text/html").get("/documents"),
                        r -> r.statusCode() != 200);
        assertTrue(expired.statusCode() == 302 || expired.statusCode() == 303,
                "an idle session is over: " + expired.statusCode());
        assertTrue(expired.header("Location").contains("/login"), expired.header("Location"));
        outcomes.put("session idle past its timeout (3 s here, 30 min by default)", expired.statusCode()
                + " to the sign-in page");
    }

    @Test
    @Order(6)
    void anUploadThatStopsSendingIsCutOffByTheIdleTimeoutAndOthersAreServed() throws IOException {
        byte[] body = new Multipart().file("stalled.txt", Samples.text(100_000)).close();
        long started = System.nanoTime();
        faultsInjected++;
        RawHttp.Answer answer = RawHttp.exchange(vault.port(), Duration.ofSeconds(15), false, out -> {
            out.write(RawHttp.head("POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + RawHttp.basic(alice, Vault.PASSWORD) + "\r\nContent-Type: " + Multipart.CONTENT_TYPE
                    + "\r\nContent-Length: " + body.length));
            out.write(body, 0, 2000);
            out.flush();
            Vault.as(alice).get("/api/documents").then().statusCode(200);
        });
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertTrue(answer.status() == 0 || answer.status() == 408 || answer.status() == 400,
                "cut off, not accepted: " + answer.status() + " " + answer.text());
        assertTrue(seconds < 12, "cut off by the 6 s idle timeout, after " + seconds + " s");
        await("the stalled upload's temp file is gone").atMost(Duration.ofMinutes(1)).until(() -> {
            try (Stream<Path> temps = Files.list(dataDir.resolve("tmp"))) {
                return temps.toList().isEmpty();
            }
        });
        outcomes.put("upload stalls after 2 KB (idle timeout 6 s here, 60 s by default)", "connection closed after " + seconds
                + " s, status " + answer.status() + ", temp file removed, other clients served");
    }

    @Test
    @Order(7)
    void repeatedWrongPasswordsAreThrottledForBasicAndFormSignIns() {
        String basicVictim = Vault.user("basic-victim", "analyst");
        for (int i = 0; i < 5; i++) {
            given().auth().preemptive().basic(basicVictim, "wrong-" + i).get("/api/documents").then().statusCode(401);
        }
        Response throttled = Vault.as(basicVictim).get("/api/documents");
        assertEquals(429, throttled.statusCode(), "even the right password waits: " + throttled.asString());
        assertTrue(throttled.header("Retry-After") != null, "says when to retry");

        String formVictim = Vault.user("form-victim", "analyst");
        for (int i = 0; i < 5; i++) {
            WebSession.postLogin(formVictim, "wrong-" + i);
        }
        Response form = WebSession.postLogin(formVictim, Vault.PASSWORD).response();
        assertFalse(form.getCookies().containsKey(WebSession.COOKIE), "the right password does not sign in yet");

        // Each sprayed name is new, so only the count for this client address can refuse it.
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            statuses.add(given().auth().preemptive().basic("sprayed-" + i, "guess").get("/api/documents").statusCode());
        }
        assertTrue(statuses.contains(429), "one address spraying many names is slowed: " + statuses);
        outcomes.put("password guessing (Basic, form, and one address spraying 21 names)",
                "429 with Retry-After for Basic after 5 failures; form sign-in refused; sprayed names answered "
                        + statuses.stream().filter(x -> x == 429).count() + " x 429 once the address had 20 failures");
    }

    // ------------------------------------------------------------------ helpers

    private String upload(String name, byte[] bytes) {
        String id = Vault.upload(alice, name, bytes).then().statusCode(201).extract().path("id");
        stored.put(id, Samples.sha256(bytes));
        return id;
    }

    private JsonPath document(String id) {
        return Vault.as(olga).get("/api/documents/" + id).then().statusCode(200).extract().jsonPath();
    }

    private void assertEverythingDownloadsIntact() {
        for (Map.Entry<String, String> doc : stored.entrySet()) {
            byte[] back = Vault.as(alice).get("/api/documents/" + doc.getKey() + "/content").then().statusCode(200)
                    .extract().asByteArray();
            assertEquals(doc.getValue(), Samples.sha256(back), "document " + doc.getKey());
        }
        verifiedIntact = stored.size();
    }

    private static String shorten(String s) {
        return s.length() > 140 ? s.substring(0, 140) + "…" : s;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
