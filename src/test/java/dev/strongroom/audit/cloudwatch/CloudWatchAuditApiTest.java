package dev.strongroom.audit.cloudwatch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.audit.digest.DigestFixtures;
import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.MotoTestResource;
import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vault's own shipper, the consistency check and the export from CloudWatch, through the API. */
@RequiresEmulator
@QuarkusTest
class CloudWatchAuditApiTest {

    @Test
    void theCheckFindsEveryShippedEventOfTheRangeInCloudWatchOnceAndIsAudited() {
        Instant start = Instant.now().minusSeconds(1);
        String auditor = Vault.user("audrey", "auditor");
        for (int i = 0; i < 15; i++) {
            Vault.as(auditor).get("/api/audit?size=1").then().statusCode(200);
        }
        awaitShipped(auditor);
        JsonPath report = Vault.as(auditor).queryParam("from", start.toString())
                .queryParam("to", Instant.now().toString()).post("/api/audit/cloudwatch/checks").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(true, report.getBoolean("ok"), report::prettify);
        assertTrue(report.getLong("journalEvents") >= 16, report::prettify);
        assertEquals(report.getLong("journalEvents"), report.getLong("cloudWatchEvents"), report::prettify);
        assertEquals(0, report.getInt("findingCount"));

        List<Map<String, Object>> audited = Vault.as(auditor).queryParam("action", "audit.cloudwatch.check")
                .get("/api/audit").then().statusCode(200).extract().jsonPath().getList("items");
        assertTrue(audited.stream().anyMatch(e -> "success".equals(e.get("outcome"))
                && report.getString("id").equals(((Map<?, ?>) e.get("detail")).get("check"))), audited.toString());
        Vault.as(auditor).get("/api/audit/cloudwatch/checks?size=5").then().statusCode(200)
                .body("id", hasItem(report.getString("id")));
    }

    @Test
    void anExportStraightFromCloudWatchVerifiesWithTheSameVerifierAndTheDigests() {
        String auditor = Vault.user("audrey", "auditor");
        for (int i = 0; i < 10; i++) {
            Vault.as(auditor).get("/api/audit?size=1").then().statusCode(200);
        }
        Vault.as(auditor).post("/api/audit/digests").then().statusCode(201);
        awaitShipped(auditor);
        Path dir = DigestFixtures.workDir();
        Path export = DigestFixtures.export(dir, auditor, "/api/audit/cloudwatch/export?format=ndjson",
                "cloudwatch.ndjson");
        String header = DigestFixtures.lines(export).get(0);
        assertTrue(header.contains("\"source\":\"cloudwatch\""), header);
        assertTrue(header.contains("\"anchor\":{\"seq\":0"), "the whole stream, from the first event: " + header);

        String[] plain = DigestFixtures.verifyOffline(export.toString());
        assertEquals("0", plain[0], plain[1]);
        String[] digested = DigestFixtures.verifyOffline(export.toString(), "--digests",
                DigestFixtures.downloadDigests(dir).toString(), "--public-key",
                DigestFixtures.publicKey(dir, auditor).toString());
        assertEquals("0", digested[0], digested[1]);
        assertTrue(header.contains("\"signature\":"), "signed as read from CloudWatch: " + header);
        assertTrue(digested[1].contains("manifest and signature checked"), digested[1]);
        List<String> cut = DigestFixtures.lines(export);
        cut.remove(cut.size() - 1);
        String[] shortened = DigestFixtures.verifyOffline(DigestFixtures.writeLines(dir.resolve("cut.ndjson"), cut)
                .toString(), "--public-key", DigestFixtures.publicKey(dir, auditor).toString());
        assertEquals("1", shortened[0], "a copy whose last event was cut off: " + shortened[1]);

        Vault.as(auditor).get("/api/audit/cloudwatch/export?format=csv").then().statusCode(200)
                .contentType("text/csv; charset=UTF-8");
        Vault.as(auditor).get("/api/audit/cloudwatch/export?format=xml").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void statusAndHealthShowShippingForOps() {
        String ops = Vault.user("olga", "ops");
        Vault.as(ops).get("/api/audit/cloudwatch").then().statusCode(200).body("enabled", equalTo(true))
                .body("logGroup", equalTo("/strongroom/audit"));
        given().get("/q/health/well").then().body("checks.name", hasItem("audit-shipping"))
                .body("checks.find { it.name == 'audit-shipping' }.status", equalTo("UP"));
    }

    @Test
    void aCheckThatCannotReadCloudWatchIsA503ProblemAndIsAuditedAsFailed() {
        String auditor = Vault.user("audrey", "auditor");
        MotoEmulator moto = MotoTestResource.emulator();
        moto.freeze();
        try {
            Vault.as(auditor).post("/api/audit/cloudwatch/checks").then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://strongroom.dev/problems/cloudwatch-unavailable"));
        } finally {
            moto.resume();
        }
        Vault.as(auditor).queryParam("action", "audit.cloudwatch.check").queryParam("outcome", "failure")
                .get("/api/audit").then().statusCode(200)
                .body("items[0].detail.error", org.hamcrest.Matchers.startsWith("CloudWatch Logs could not be read"));
    }

    @Test
    void aBackwardRangeIsRefusedAsProblemJson() {
        String auditor = Vault.user("audrey", "auditor");
        Vault.as(auditor).queryParam("from", "2026-11-22T12:00:00Z").queryParam("to", "2026-11-22T11:00:00Z")
                .post("/api/audit/cloudwatch/checks").then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("must be before"));
    }

    @Test
    void analystsCanNeitherSeeNorCheckNorExport() {
        String alice = Vault.user("alice", "analyst");
        Vault.as(alice).get("/api/audit/cloudwatch").then().statusCode(403);
        Vault.as(alice).post("/api/audit/cloudwatch/checks").then().statusCode(403);
        Vault.as(alice).get("/api/audit/cloudwatch/export").then().statusCode(403);
        Vault.as(alice).post("/api/audit/digests").then().statusCode(403);
        String ops = Vault.user("olga", "ops");
        Vault.as(ops).get("/api/audit/cloudwatch/export").then().statusCode(403);
    }

    /** Waits until CloudWatch confirmed every event that was durable when the wait began. */
    static void awaitShipped(String user) {
        long target = Vault.as(user).get("/api/audit/cloudwatch").then().statusCode(200).extract().jsonPath()
                .getLong("durableSeq");
        await("shipping reaches seq " + target).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> Vault.as(user).get("/api/audit/cloudwatch").then().statusCode(200).extract().jsonPath()
                        .getLong("shippedSeq") >= target);
    }
}
