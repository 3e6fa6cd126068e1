package dev.strongroom.backup;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.VaultIdentity;
import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * The bucket's claim through the real API against the emulator: a bucket without a claim becomes this
 * vault's on the first run, and a bucket another vault claimed is refused, loudly and without a write.
 */
@RequiresEmulator
@QuarkusTest
@QuarkusTestResource(value = MotoTestResource.class, restrictToAnnotatedClass = false)
class BucketClaimTest {

    private static final String CLAIM = "vault/claim.json";
    private static final Pattern REFUSALS = Pattern.compile("(?m)^strongroom_backup_claim_refusals_total(?:\\{[^}]*\\})? (\\S+)$");

    @Inject
    VaultIdentity identity;

    @Inject
    BucketClaimCheck claims;

    @Inject
    BackupScheduler scheduler;

    @Test
    void aBucketWithoutAClaimIsClaimedByTheFirstRunAndTheSameVaultRunsAgainWithoutRewritingIt() {
        String ops = Vault.user("olga", "ops");
        String auditor = Vault.user("audrey", "auditor");
        try (S3Client s3 = MotoTestResource.emulator().client(MotoEmulator.REGION)) {
            // Versions under Object Lock stay; a delete marker makes the key absent, as in a fresh bucket.
            s3.deleteObject(b -> b.bucket(MotoEmulator.BUCKET).key(CLAIM));

            JsonPath first = Backups.runToEnd(ops);
            assertEquals("succeeded", first.getString("state"), first::prettify);

            JsonPath claim = JsonPath.from(readClaim(s3));
            assertEquals("strongroom-bucket-claim", claim.getString("format"));
            assertEquals(identity.vaultId(), claim.getString("vaultId"));
            assertEquals(List.of(identity.hostId()), claim.getList("hosts.id"));
            List<String> claimVersions = MotoEmulator.versionsOf(s3, MotoEmulator.BUCKET, CLAIM);

            JsonPath second = Backups.runToEnd(ops);
            assertEquals("succeeded", second.getString("state"), second::prettify);
            assertEquals(claimVersions, MotoEmulator.versionsOf(s3, MotoEmulator.BUCKET, CLAIM),
                    "the vault's own claim, naming this host, is read and left as it is");
        }
        JsonPath trail = Vault.as(auditor).queryParam("size", 1000).get("/api/audit?from=2000-01-01").then()
                .statusCode(200).extract().jsonPath();
        assertTrue(trail.getList("items.findAll { it.action == 'backup.claim' }.detail.outcome").contains("CLAIMED"),
                "claiming the bucket is in the audit trail");
    }

    @Test
    void aBucketClaimedByAnotherVaultIsRefusedLoudlyAndNothingIsWrittenToIt() {
        String ops = Vault.user("olga", "ops");
        String alice = Vault.user("alice", "analyst");
        String auditor = Vault.user("audrey", "auditor");
        String other = "staging-vault-7";
        String ours = identity.vaultId();
        assertEquals("succeeded", Backups.runToEnd(ops).getString("state"), "the bucket is this vault's to begin with");
        Vault.upload(alice, "waiting.txt", Samples.text(1_901)).then().statusCode(201);
        try (S3Client s3 = MotoTestResource.emulator().client(MotoEmulator.REGION)) {
            String ownClaim = readClaim(s3);
            try {
                putClaim(s3, "{\"format\":\"strongroom-bucket-claim\",\"version\":1,\"vaultId\":\"" + other
                        + "\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"hosts\":[{\"id\":\"host-1\","
                        + "\"since\":\"2026-01-01T00:00:00Z\"}]}");
                Set<String> before = everyVersion(s3);
                double refusalsBefore = refusals(ops);

                Vault.as(ops).post("/api/backups/runs").then().statusCode(409)
                        .contentType("application/problem+json")
                        .body("type", endsWith("/bucket-claimed-by-another-vault"))
                        .body("detail", containsString(other)).body("detail", containsString(ours))
                        .body("claimVaultId", equalTo(other)).body("vaultId", equalTo(ours));
                scheduler.scheduled();

                assertEquals(before, everyVersion(s3), "neither the refused run nor the scheduled one wrote anything");
                RestAssured.given().get("/q/health/well").then()
                        .body("checks.find { it.name == 'backup' }.status", equalTo("DOWN"))
                        .body("checks.find { it.name == 'backup' }.data.claimVaultId", equalTo(other))
                        .body("checks.find { it.name == 'backup' }.data.vaultId", equalTo(ours))
                        .body("checks.find { it.name == 'backup' }.data.problem", containsString(other));
                assertEquals(refusalsBefore + 2, refusals(ops), "the manual and the scheduled refusal are counted");
                JsonPath trail = Vault.as(auditor).queryParam("size", 1000).get("/api/audit?from=2000-01-01").then()
                        .statusCode(200).extract().jsonPath();
                assertTrue(trail.getList("items.findAll { it.action == 'backup.claim.refused' }.detail.claimVaultId")
                        .contains(other), "the refusal is in the audit trail, naming the claiming vault");
            } finally {
                // The app and the bucket are shared with every other @QuarkusTest: give the bucket back.
                putClaim(s3, ownClaim);
                claims.check();
            }
        }
    }

    private static String readClaim(S3Client s3) {
        return s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET).key(CLAIM)).asString(StandardCharsets.UTF_8);
    }

    private static void putClaim(S3Client s3, String json) {
        s3.putObject(b -> b.bucket(MotoEmulator.BUCKET).key(CLAIM).checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString(json, StandardCharsets.UTF_8));
    }

    /** Every version of every key in the bucket: what a write, any write, would add to. */
    private static Set<String> everyVersion(S3Client s3) {
        return s3.listObjectVersionsPaginator(b -> b.bucket(MotoEmulator.BUCKET)).versions().stream()
                .map(v -> v.key() + " " + v.versionId()).collect(Collectors.toSet());
    }

    private static double refusals(String ops) {
        String metrics = Vault.as(ops).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = REFUSALS.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
