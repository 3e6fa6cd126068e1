package dev.strongroom.backup;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strongroom.catalog.PostgresCluster;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two packaged vaults of one vault id, each on its own data directory, sharing one PostgreSQL catalog and one
 * bucket, as two EC2 hosts behind a load balancer would: users and documents are the vault's, not a host's; a
 * document is readable from either host from its 201 on; a host killed with kill -9 leaves its backed-up
 * documents readable on the other; both audit chains verify; a restore from the bucket onto empty disks and an
 * empty database rebuilds both hosts; and a third vault pointed at the bucket is refused. The steps build on each
 * other, hence the order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralHostsIT {

    private static final Path POSTGRES_RELEASE = Path.of("target", "quarkus-app-postgresql", "quarkus-run.jar");
    private static final String SESSION_KEY = "several-hosts-session-key-shared-by-every-host";
    private static final Duration WRITE_THROUGH_WAIT = Duration.ofSeconds(2);
    private static final Pattern FIRED = Pattern.compile("The daily compliance report|started \\(schedule, by ");
    private static final Map<String, String> DAILY_REPORT_EVERY_SECOND = Map.of("STRONGROOM_COMPLIANCE_REPORT_CRON",
            "* * * * * ?");

    private final String vaultId = UUID.randomUUID().toString();
    private PostgresCluster postgres;
    private MotoEmulator moto;
    private Path work;
    private String catalogUrl;
    private final Map<String, byte[]> documents = new LinkedHashMap<>();
    private final Map<String, String> hostOf = new HashMap<>();
    private String alice;
    private String ops;
    private String auditor;
    private String hostA;
    private String hostB;

    @BeforeAll
    void start() throws IOException {
        assumeTrue(PostgresCluster.installed() || "true".equals(System.getenv("CI")),
                "PostgreSQL 15 is not installed at " + PostgresCluster.BIN + " (apt-get install postgresql-15)");
        assertTrue(Files.isRegularFile(POSTGRES_RELEASE), "the PostgreSQL release is built by ./mvnw package: "
                + POSTGRES_RELEASE.toAbsolutePath());
        moto = MotoEmulator.startProvisioned();
        postgres = PostgresCluster.start();
        catalogUrl = postgres.createDatabase("vault");
        work = Path.of("target", "it-hosts-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Files.createDirectories(work);
    }

    @AfterAll
    void stop() {
        if (moto != null) {
            moto.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        RestAssured.reset();
    }

    private Map<String, String> hostEnv(String url) {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("STRONGROOM_BACKUP_CRON", "off");
        env.put("STRONGROOM_VAULT_ID", vaultId);
        env.put("STRONGROOM_BACKUP_WRITE_THROUGH_ENABLED", "true");
        env.put("STRONGROOM_BACKUP_WRITE_THROUGH_WAIT_AT_MOST", WRITE_THROUGH_WAIT.toString());
        env.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", SESSION_KEY);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", url);
        env.put("QUARKUS_DATASOURCE_USERNAME", PostgresCluster.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresCluster.PASSWORD);
        return env;
    }

    private VaultProcess host(String name, String url) {
        return host(name, url, Map.of());
    }

    private VaultProcess host(String name, String url, Map<String, String> settings) {
        Map<String, String> env = hostEnv(url);
        env.putAll(settings);
        // Each host ships to its own stream, named after the machine in production; here the machines are one.
        env.put("STRONGROOM_AUDIT_CLOUDWATCH_STREAM", "host-" + name + "-" + vaultId.substring(0, 8));
        return VaultProcess.start(work.resolve(name), env, List.of(VaultProcess.javaBinary(), "-Xmx192m",
                "-jar", POSTGRES_RELEASE.toAbsolutePath().toString()), "host-" + name + "-" + vaultId.substring(0, 8));
    }

    private static void use(VaultProcess vault) {
        RestAssured.port = vault.port();
    }

    private String hostIdOf(String name) throws IOException {
        return Files.readString(work.resolve(name).resolve("host-id"), StandardCharsets.UTF_8).strip();
    }

    private byte[] upload(VaultProcess on, String name, String fileName) {
        use(on);
        byte[] bytes = (fileName + " " + UUID.randomUUID() + "\n" + new String(Samples.text(900 + documents.size() * 31),
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        String id = Vault.upload(alice, fileName, bytes).then().statusCode(201).extract().path("id");
        documents.put(id, bytes);
        hostOf.put(id, name);
        return bytes;
    }

    private void assertServes(VaultProcess vault, String id) {
        use(vault);
        assertArrayEquals(documents.get(id), Vault.as(alice).get("/api/documents/" + id + "/content").then()
                .statusCode(200).extract().asByteArray(), "document " + id + " from host " + hostOf.get(id));
    }

    private JsonPath verified(VaultProcess vault) {
        use(vault);
        return Vault.as(auditor).get("/api/audit/verify").then().statusCode(200).body("ok", equalTo(true)).extract()
                .jsonPath();
    }

    @Test
    @Order(1)
    void usersAndDocumentsAreTheVaultsOnEveryHostFromTheirFirstAnswer() throws IOException {
        try (VaultProcess a = host("a", catalogUrl); VaultProcess b = host("b", catalogUrl)) {
            hostA = hostIdOf("a");
            hostB = hostIdOf("b");
            assertNotEquals(hostA, hostB, "each volume gives its host its own id");

            use(a);
            alice = Vault.user("alice", "analyst");
            ops = Vault.user("olga", "ops");
            auditor = Vault.user("audrey", "auditor");
            use(b);
            Vault.as(alice).get("/api/documents").then().statusCode(200);
            Map<String, String> session = Vault.signIn(alice);
            use(a);
            RestAssured.given().redirects().follow(false).cookies(session).get("/documents").then().statusCode(200)
                    .body(containsString("alice"));

            for (int i = 0; i < 3; i++) {
                upload(a, "a", "invoice-a-" + i + ".txt");
                String id = last();
                assertServes(b, id);
                upload(b, "b", "receipt-b-" + i + ".txt");
                assertServes(a, last());
            }
            use(a);
            Vault.as(alice).get("/api/documents").then().statusCode(200).body("total", equalTo(6));

            uploadWhileTheBucketHangs(a, b);
        }
    }

    /**
     * A bucket that takes the connection and never answers (the emulator stopped with SIGSTOP) holds an upload for
     * write-through.wait-at-most, not longer: the deposit is answered, the other host says which host holds the
     * document, and the copy goes on, so the other host serves it once the bucket answers again.
     */
    private void uploadWhileTheBucketHangs(VaultProcess a, VaultProcess b) {
        moto.freeze();
        String id;
        long took;
        try {
            long started = System.nanoTime();
            upload(a, "a", "invoice-while-the-bucket-hangs.txt");
            took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            id = last();
            use(b);
            Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(503)
                    .header("Retry-After", notNullValue()).body(containsString(hostA));
        } finally {
            moto.resume();
        }
        assertTrue(took >= WRITE_THROUGH_WAIT.toMillis(), "the upload waited for its copy: " + took + " ms");
        assertTrue(took < WRITE_THROUGH_WAIT.toMillis() + 20_000, "the upload was answered after the wait, not when "
                + "the bucket came back: " + took + " ms");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertServes(b, id));
    }

    private String last() {
        return new ArrayList<>(documents.keySet()).get(documents.size() - 1);
    }

    @Test
    @Order(2)
    void aKilledHostsBackedUpDocumentsStayReadableOnTheOtherAndBothChainsVerify() {
        VaultProcess a = host("a", catalogUrl);
        try (VaultProcess b = host("b", catalogUrl)) {
            byte[] unseen = upload(a, "a", "statement-a.txt");
            String unseenId = last();
            use(a);
            assertEquals("succeeded", Backups.runToEnd(ops).getString("state"));
            use(b);
            assertEquals("succeeded", Backups.runToEnd(ops).getString("state"));
            a.kill();

            assertServes(b, unseenId);
            assertEquals(unseen.length, documents.get(unseenId).length);
            for (String id : documents.keySet()) {
                assertServes(b, id);
            }
            verified(b);
        } finally {
            a.close();
        }
        try (VaultProcess a2 = host("a", catalogUrl, DAILY_REPORT_EVERY_SECOND);
                VaultProcess b = host("b", catalogUrl, DAILY_REPORT_EVERY_SECOND)) {
            verified(a2);
            verified(b);
            use(a2);
            assertEquals("succeeded", Backups.runToEnd(ops).getString("state"));
            use(b);
            assertEquals("succeeded", Backups.runToEnd(ops).getString("state"));
            bothSchedulesMakeOneDailyReport(a2, b);
        }
    }

    /**
     * Every host's schedule fires the daily report, here every second on both at once: the lease lets one host in at
     * a time, and the one let in looks for the day's report first, so the vault makes it once.
     */
    private void bothSchedulesMakeOneDailyReport(VaultProcess a, VaultProcess b) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> scheduledReports(a).stream().anyMatch(r -> !"running".equals(r.get("state"))));
        long firedA = firings(a);
        long firedB = firings(b);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> firings(a) >= firedA + 3 && firings(b) >= firedB + 3);
        List<Map<String, Object>> reports = scheduledReports(b);
        assertEquals(1, reports.size(), "one daily report for the vault, made by one of its hosts: " + reports);
        assertEquals("succeeded", reports.get(0).get("state"), reports::toString);
    }

    /** The daily report's schedule fired on this host: it started one, found the day's made, or found the lease held. */
    private static long firings(VaultProcess vault) {
        return FIRED.matcher(vault.log()).results().count();
    }

    private List<Map<String, Object>> scheduledReports(VaultProcess vault) {
        use(vault);
        List<Map<String, Object>> all = Vault.as(auditor).queryParam("size", "200").get("/api/compliance/reports").then()
                .statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(r -> "schedule".equals(r.get("trigger"))).toList();
    }

    @Test
    @Order(3)
    void aRestoreOntoEmptyDisksAndAnEmptyDatabaseRebuildsBothHosts() throws Exception {
        wipe(work.resolve("a"));
        wipe(work.resolve("b"));
        String emptyCatalog = postgres.createDatabase("restored");
        for (String[] host : List.of(new String[] { "a", hostA, hostB }, new String[] { "b", hostB, hostA })) {
            String out = restore(work.resolve(host[0]), host[1]);
            assertTrue(out.contains("chain verified"), out);
            assertTrue(out.contains("0 failed"), out);
            assertTrue(out.contains("NOT restored: host " + host[2]), "a restore of one host never says OK while the "
                    + "bucket holds another's chain:\n" + out);
        }
        try (VaultProcess a = host("a", emptyCatalog); VaultProcess b = host("b", emptyCatalog)) {
            assertEquals(hostA, hostIdOf("a"));
            assertEquals(hostB, hostIdOf("b"));
            for (String id : documents.keySet()) {
                assertServes(a, id);
                assertServes(b, id);
            }
            verified(a);
            verified(b);
            // Each host's restore was complete for that host: only the other host was left out, restored in turn.
            Vault.as(auditor).get("/api/audit?action=restore.complete").then().statusCode(200)
                    .body("items.size()", equalTo(2)).body("items.outcome", everyItem(equalTo("success")))
                    .body("items.host", containsInAnyOrder(hostA, hostB));
            upload(a, "a", "after-restore-a.txt");
            assertServes(b, last());
        }
    }

    @Test
    @Order(4)
    void aThirdVaultIsRefusedByTheBucketAndSaysSo() {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("STRONGROOM_BACKUP_CRON", "off");
        env.put("STRONGROOM_AUDIT_CLOUDWATCH_STREAM", "other-vault-" + vaultId.substring(0, 8));
        try (VaultProcess other = VaultProcess.start(work.resolve("other-vault"), env, null, "other-vault-"
                + vaultId.substring(0, 8))) {
            use(other);
            String otherOps = Vault.user("oscar", "ops");
            Vault.as(otherOps).post("/api/backups/runs").then().statusCode(409)
                    .body("type", containsString("bucket-claimed-by-another-vault"))
                    .body("detail", containsString(vaultId));
            assertTrue(other.log().contains("BACKUP REFUSED"), other::logTail);
            String otherAuditor = Vault.user("ada", "auditor");
            Vault.as(otherAuditor).post("/api/audit/digests").then().statusCode(503)
                    .body("detail", containsString("claimed by vault " + vaultId));
        }
    }

    private String restore(Path dataDir, String hostId) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("deploy/restore-from-s3.sh", "--data-dir", dataDir.toString(),
                "--host", hostId).redirectErrorStream(true);
        builder.environment().putAll(moto.environment());
        builder.environment().put("STRONGROOM_APP_DIR", VaultProcess.appJar().getParent().toString());
        Process restore = builder.start();
        String out = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(restore.waitFor(5, TimeUnit.MINUTES), out);
        System.out.println(out);
        return out;
    }

    private static void wipe(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
