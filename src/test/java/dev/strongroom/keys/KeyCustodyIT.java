package dev.strongroom.keys;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.VaultProcess;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.support.Vault;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged vault's signing key over its life, against a real moto_server (S3 and KMS): receipts
 * and digests under a first key; a two-person rotation; a backup; the data disk wiped and the vault
 * restored from S3 with the restore command, after which it signs with the same key and every old
 * receipt and digest verifies with `openssl pkeyutl -verify` against the key history it publishes
 * without login; then the key file lost, which is refused (not replaced) until the key is back. The
 * steps build on each other, hence the order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyCustodyIT {

    private MotoEmulator moto;
    private Path work;
    private Path dataDir;
    private String alice;
    private String ops;
    private String auditor;
    private String secondAdmin;
    private String firstKey;
    private String secondKey;
    private String historyBefore;
    /** Each document's receipt as its upload returned it, in upload order. */
    private final Map<String, Map<String, Object>> uploaded = new LinkedHashMap<>();

    @BeforeAll
    void startEmulator() throws IOException {
        moto = MotoEmulator.startProvisioned();
        work = Path.of("target", "it-keys-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        dataDir = work.resolve("data");
        Files.createDirectories(work);
    }

    @AfterAll
    void stopEmulator() {
        moto.close();
        RestAssured.reset();
    }

    private Map<String, String> vaultEnv() {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("STRONGROOM_BACKUP_CRON", "off");
        env.put("STRONGROOM_AUDIT_DIGEST_CRON", "off");
        env.put("STRONGROOM_STARTUP_BACKGROUND_DELAY", "1s");
        return env;
    }

    private VaultProcess startVault(String name, Map<String, String> env) {
        VaultProcess vault = VaultProcess.start(dataDir, env, null, name);
        RestAssured.port = vault.port();
        return vault;
    }

    @Test
    @Order(1)
    void signsWithAFirstKeyRotatesWithTwoAdminsAndBacksBothUp() throws Exception {
        try (VaultProcess vault = startVault("keys-first", vaultEnv())) {
            alice = Vault.user("alice", "analyst");
            ops = Vault.user("olga", "ops");
            auditor = Vault.user("audrey", "auditor");
            secondAdmin = Vault.user("adam", "admin");
            for (int i = 0; i < 3; i++) {
                upload("before-rotation-" + i + ".txt");
            }
            firstKey = keyIdOf(uploaded.values().iterator().next());
            Vault.as(auditor).post("/api/audit/digests").then().statusCode(201);

            String requestId = Vault.as(Vault.ADMIN).contentType("application/json")
                    .body(Map.of("reason", "yearly rotation")).post("/api/admin/keys/rotations").then().statusCode(202)
                    .extract().path("id");
            Vault.as(Vault.ADMIN).post("/api/admin/keys/rotations/" + requestId + "/approve").then().statusCode(403)
                    .body("type", containsString("second-admin-required"));
            JsonPath rotated = Vault.as(secondAdmin).post("/api/admin/keys/rotations/" + requestId + "/approve").then()
                    .statusCode(200).extract().jsonPath();
            secondKey = rotated.getString("newKeyId");
            assertEquals(firstKey, rotated.getString("oldKeyId"));
            assertNotEquals(firstKey, secondKey);

            for (int i = 0; i < 2; i++) {
                upload("after-rotation-" + i + ".txt");
            }
            List<String> ids = new ArrayList<>(uploaded.keySet());
            assertEquals(List.of(firstKey, firstKey, firstKey, secondKey, secondKey),
                    uploaded.values().stream().map(KeyCustodyIT::keyIdOf).toList(), "new receipts name the new key");
            Map<String, Object> reissued = Vault.as(alice).get("/api/documents/" + ids.get(0) + "/receipt").then()
                    .statusCode(200).extract().jsonPath().getMap("");
            assertEquals(secondKey, reissued.get("keyId"), "a receipt issued now is signed by the key of now");
            assertEquals(uploaded.get(ids.get(0)).get("payload"), reissued.get("payload"));

            JsonPath history = given().get("/.well-known/strongroom-keys.json").then().statusCode(200).extract()
                    .jsonPath();
            assertEquals(List.of(firstKey, secondKey), history.getList("keys.keyId"));
            assertEquals(rotated.getString("validFrom"), history.getString("keys[0].validUntil"));
            assertEquals(rotated.getString("validFrom"), history.getString("keys[1].validFrom"));
            assertFalse(Files.exists(dataDir.resolve("keys").resolve(firstKey + ".key.pem")),
                    "the retired key's private half left the volume");
            Vault.as(auditor).post("/api/audit/digests").then().statusCode(201);

            // The offline verifiers take the history: digests signed by both keys, one export.
            Path digests = copyDigests(work.resolve("digests-before-restore"),
                    HostKeys.of(Files.readString(dataDir.resolve("host-id")).strip()).digests());
            Path keys = Files.writeString(work.resolve("strongroom-keys.json"), given()
                    .get("/.well-known/strongroom-keys.json").then().extract().asString());
            Path export = work.resolve("export.ndjson");
            Files.write(export, Vault.as(auditor).queryParam("format", "ndjson").get("/api/audit/export").then()
                    .statusCode(200).extract().asByteArray());
            Result verifyExport = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", appDir() + "/lib/main/*:"
                    + appDir() + "/app/*", "dev.strongroom.audit.VerifyExport", export.toString(), "--digests",
                    digests.toString(), "--keys", keys.toString()), Map.of());
            assertEquals(0, verifyExport.exit(), verifyExport.output());
            // The two written here, one signed by each key, and any rolling digest that fell due meanwhile.
            assertTrue(digestsCheckedAgainst(verifyExport.output()) >= 2, verifyExport.output());
            Result script = run(List.of("sh", "docs/verify-audit-export.sh", export.toString(), "--digests",
                    digests.toString(), "--keys", keys.toString()), Map.of());
            assertEquals(0, script.exit(), script.output());
            assertTrue(digestsCheckedAgainst(script.output()) >= 2, script.output());

            JsonPath run = backupToEnd();
            assertEquals("succeeded", run.getString("state"), run::prettify);
            Vault.as(Vault.ADMIN).get("/api/admin/keys").then().statusCode(200)
                    .body("custody.backup.backedUp", equalTo(true)).body("custody.currentKeyId", equalTo(secondKey));
            historyBefore = given().get("/.well-known/strongroom-keys.json").then().extract().asString();
        }
    }

    @Test
    @Order(2)
    void aVaultRestoredFromS3OntoAnEmptyDiskSignsWithTheSameKeyAndEveryOldSignatureVerifies() throws Exception {
        wipe(dataDir);
        Result restore = run(List.of("deploy/restore-from-s3.sh", "--data-dir", dataDir.toString()),
                Map.of("STRONGROOM_APP_DIR", appDir()));
        System.out.println(restore.output());
        assertEquals(0, restore.exit(), restore.output());
        assertTrue(restore.output().contains("restore: signing key " + secondKey + " restored (2 key(s) in its history)"),
                restore.output());

        try (VaultProcess vault = startVault("keys-restored", vaultEnv())) {
            // The backup ends before the last events, which CloudWatch and the newest digest hold: the vault
            // took them back at its start, before writing on.
            Vault.as(auditor).get("/api/audit?action=audit.recovery.restore-tail").then().statusCode(200)
                    .body("items[0].detail.source", equalTo("cloudwatch"));
            String history = given().get("/.well-known/strongroom-keys.json").then().statusCode(200).extract().asString();
            assertEquals(JsonPath.from(historyBefore).getList("keys"), JsonPath.from(history).getList("keys"),
                    "the same history, periods and PEMs");
            List<String> ids = new ArrayList<>(uploaded.keySet());
            for (String id : ids.subList(3, 5)) {
                Map<String, Object> again = Vault.as(alice).get("/api/documents/" + id + "/receipt").then()
                        .statusCode(200).extract().jsonPath().getMap("");
                assertEquals(uploaded.get(id), again, "re-issued after the restore, byte for byte the original");
            }
            Map<String, Object> fresh = Vault.upload(alice, "after-restore.txt", "after restore\n"
                    .getBytes(StandardCharsets.UTF_8)).then().statusCode(201).extract().jsonPath().getMap("receipt");
            assertEquals(secondKey, fresh.get("keyId"), "the restored vault signs with the same key");
            Vault.as(auditor).queryParam("action", "key.restore").get("/api/audit").then().statusCode(200)
                    .body("items[0].detail.from", equalTo("restore command"));

            // The receipt page checks a kept receipt against the history: the first key's, retired since.
            String first = ids.get(0);
            String page = receiptPageVerdict(alice, first, new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(uploaded.get(first)));
            assertTrue(page.contains("Verified.") && page.contains(firstKey), page);

            // Every old receipt, with openssl, against the PEM the vault publishes without login.
            int receipts = 0;
            for (Map<String, Object> receipt : uploaded.values()) {
                String pem = given().get("/keys/" + keyIdOf(receipt) + ".pem").then().statusCode(200).extract()
                        .asString();
                OpenSsl.Verdict verdict = OpenSsl.verify(work, pem, ((String) receipt.get("payload"))
                        .getBytes(StandardCharsets.UTF_8), (String) receipt.get("signature"));
                assertTrue(verdict.verified(), receipt + ": " + verdict);
                receipts++;
            }
            // Every digest in the bucket, one of them behind a delete marker, copied by version.
            try (S3Client s3 = moto.client(MotoEmulator.REGION)) {
                // Each host's digests are under hosts/<host-id>/digests/; this vault has one host.
                String hidden = s3.listObjectsV2Paginator(b -> b.bucket(MotoEmulator.BUCKET).prefix("hosts/"))
                        .contents().stream().map(o -> o.key()).filter(k -> k.contains("/digests/")
                                && k.endsWith(".json")).sorted().findFirst().orElseThrow();
                String folder = hidden.substring(0, hidden.indexOf("/digests/") + "/digests/".length());
                s3.deleteObject(b -> b.bucket(MotoEmulator.BUCKET).key(hidden));
                Path digests = copyDigests(work.resolve("digests-after-restore"), folder);
                assertTrue(Files.isRegularFile(digests.resolve(hidden.substring(folder.length()))),
                        "the digest behind a delete marker was copied");
                Set<String> signers = new TreeSet<>();
                int verified = 0;
                for (Path digest : jsonFiles(digests)) {
                    String keyId = JsonPath.from(digest.toFile()).getString("signingKey.publicKeySha256");
                    String pem = given().get("/keys/" + keyId + ".pem").then().statusCode(200).extract().asString();
                    OpenSsl.Verdict verdict = OpenSsl.verify(work, pem, Files.readAllBytes(digest),
                            Files.readString(digest.resolveSibling(digest.getFileName() + ".sig")));
                    assertTrue(verdict.verified(), digest + ": " + verdict);
                    signers.add(keyId);
                    verified++;
                }
                assertEquals(new TreeSet<>(List.of(firstKey, secondKey)), signers, "digests of both keys");
                System.out.printf("MEASURED restored vault: %d receipts and %d digests verified with openssl "
                        + "against %d published keys%n", receipts, verified, signers.size());
            }
        }
    }

    @Test
    @Order(3)
    void aMissingKeyIsRefusedNotReplacedUntilItIsBack() throws Exception {
        Path keyFile = dataDir.resolve("keys").resolve(secondKey + ".key.pem");
        byte[] saved = Files.readAllBytes(keyFile);
        Files.delete(keyFile);
        Map<String, String> noBucket = vaultEnv();
        noBucket.remove("STRONGROOM_BACKUP_BUCKET");

        try (VaultProcess vault = startVault("keys-missing", noBucket)) {
            given().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'signing-key' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'signing-key' }.data.problem", containsString("refusing to sign"));
            Vault.upload(alice, "while-missing.txt", "no receipt, no upload\n".getBytes(StandardCharsets.UTF_8)).then()
                    .statusCode(503).contentType(containsString("problem+json"))
                    .body("type", containsString("signing-key-missing"));
            String someId = uploaded.keySet().iterator().next();
            Vault.as(alice).get("/api/documents/" + someId + "/receipt").then().statusCode(503)
                    .body("type", containsString("signing-key-missing"));
            Vault.as(alice).get("/api/keys/receipt").then().statusCode(503);
            Vault.as(alice).get("/api/documents/" + someId + "/content").then().statusCode(200);
            given().get("/.well-known/strongroom-keys.json").then().statusCode(200)
                    .body("keys.keyId", equalTo(List.of(firstKey, secondKey)));
            try (Stream<Path> files = Files.list(dataDir.resolve("keys"))) {
                assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".key.pem"))
                        .toList(), "no key was made");
            }
            assertTrue(vault.log().contains("REFUSES TO SIGN"), vault::logTail);
            Vault.as(auditor).queryParam("action", "key.missing").get("/api/audit").then().statusCode(200)
                    .body("items[0].outcome", equalTo("failure"))
                    .body("items[0].detail.problem", containsString("no backup bucket"));

            Files.write(keyFile, saved);
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            Vault.as(Vault.ADMIN).post("/api/admin/keys/recover").then().statusCode(200)
                    .body("state", equalTo("READY")).body("currentKeyId", equalTo(secondKey));
            Map<String, Object> receipt = Vault.upload(alice, "key-back.txt", "key is back\n"
                    .getBytes(StandardCharsets.UTF_8)).then().statusCode(201).extract().jsonPath().getMap("receipt");
            assertEquals(secondKey, receipt.get("keyId"));
            Vault.as(auditor).queryParam("action", "key.restore").get("/api/audit").then().statusCode(200)
                    .body("items[0].detail.from", equalTo("volume"));
        }
    }

    @Test
    @Order(4)
    void aVaultWithItsBucketBringsAMissingKeyBackByItself() throws Exception {
        Files.delete(dataDir.resolve("keys").resolve(secondKey + ".key.pem"));

        try (VaultProcess vault = startVault("keys-from-bucket", vaultEnv())) {
            Vault.as(Vault.ADMIN).get("/api/admin/keys").then().statusCode(200).body("custody.state", equalTo("READY"))
                    .body("custody.currentKeyId", equalTo(secondKey));
            Vault.upload(alice, "from-bucket.txt", "key from the bucket\n".getBytes(StandardCharsets.UTF_8)).then()
                    .statusCode(201).body("receipt.keyId", equalTo(secondKey));
            Vault.as(auditor).queryParam("action", "key.restore").get("/api/audit").then().statusCode(200)
                    .body("items[0].detail.from", equalTo("bucket"));
        }
    }

    private void upload(String name) {
        JsonPath response = Vault.upload(alice, name, (name + " " + UUID.randomUUID() + "\n")
                .getBytes(StandardCharsets.UTF_8)).then().statusCode(201).extract().jsonPath();
        uploaded.put(response.getString("id"), response.getMap("receipt"));
    }

    /** Signs in through the form, as a browser does, and pastes a kept receipt into the receipt page's check. */
    private static String receiptPageVerdict(String user, String documentId, String receiptJson) {
        java.util.regex.Pattern token = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
        io.restassured.response.Response login = given().redirects().follow(false).get("/login");
        Map<String, String> cookies = new HashMap<>(login.getCookies());
        java.util.regex.Matcher m = token.matcher(login.asString());
        assertTrue(m.find(), "a CSRF token on the sign-in page");
        io.restassured.response.Response signedIn = given().redirects().follow(false).cookies(cookies)
                .formParam("j_username", user).formParam("j_password", Vault.PASSWORD).formParam("csrf", m.group(1))
                .post("/j_security_check");
        cookies.putAll(signedIn.getCookies());
        String page = given().cookies(cookies).get("/receipts/" + documentId).then().statusCode(200).extract().asString();
        m = token.matcher(page);
        assertTrue(m.find(), "a CSRF token on the receipt page");
        return given().cookies(cookies).formParam("csrf", m.group(1)).formParam("receipt", receiptJson)
                .post("/receipts/" + documentId + "/verify").then().statusCode(200).extract().asString();
    }

    private static String keyIdOf(Map<String, Object> receipt) {
        return (String) receipt.get("keyId");
    }

    private JsonPath backupToEnd() {
        String runId = Vault.as(ops).post("/api/backups/runs").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> !"running".equals(
                Vault.as(ops).get("/api/backups/runs/" + runId).then().statusCode(200).extract().path("state")));
        return Vault.as(ops).get("/api/backups/runs/" + runId).then().statusCode(200).extract().jsonPath();
    }

    /** The documented way: docs/copy-audit-digests.sh, by version. */
    private Path copyDigests(Path dest, String prefix) throws IOException, InterruptedException {
        Result copy = run(List.of("sh", "docs/copy-audit-digests.sh", MotoEmulator.BUCKET, dest.toString(), prefix),
                Map.of("AWS_ENDPOINT_URL", moto.endpoint()));
        assertEquals(0, copy.exit(), copy.output());
        System.out.println(copy.output());
        return dest;
    }

    private static int digestsCheckedAgainst(String verifierOutput) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("against (\\d+) signed digest\\(s\\)")
                .matcher(verifierOutput);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String appDir() {
        return VaultProcess.appJar().getParent().toString();
    }

    /** What a command printed (stdout and stderr) and its exit status. */
    record Result(int exit, String output) {
    }

    private Result run(List<String> command, Map<String, String> extraEnv) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(moto.environment());
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), String.join(" ", command));
        return new Result(process.exitValue(), output);
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
