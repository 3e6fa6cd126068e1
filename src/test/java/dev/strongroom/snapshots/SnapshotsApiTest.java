package dev.strongroom.snapshots;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.MotoTestResource;
import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Vault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * Snapshot status, listing and restore through the real API: EC2 is a real moto_server (instance,
 * data volume, DLM-tagged snapshot, then a restore that creates, waits for and attaches a volume),
 * DLM and IMDSv2 are stubs speaking their documented HTTP shapes. Steps build on each other.
 */
@RequiresEmulator
@QuarkusTest
@QuarkusTestResource(value = SnapshotsTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotsApiTest {

    private static final String ZONE = "eu-central-1a";

    private Ec2Client ec2;
    private AwsStubs stubs;
    private String instanceId;
    private String volumeId;
    private String snapshotId;
    private String ops;
    private String auditor;

    @BeforeAll
    void createTheInstanceItsDataVolumeAndASnapshot() {
        MotoEmulator moto = MotoTestResource.emulator();
        ec2 = Ec2Client.builder().region(Region.of(MotoEmulator.REGION)).endpointOverride(URI.create(moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        MotoEmulator.ACCESS_KEY, MotoEmulator.ACCESS_KEY))).build();
        String image = ec2.describeImages(b -> b.maxResults(5)).images().get(0).imageId();
        instanceId = ec2.runInstances(b -> b.imageId(image).minCount(1).maxCount(1).instanceType("t3.micro")
                .placement(p -> p.availabilityZone(ZONE))).instances().get(0).instanceId();
        volumeId = ec2.createVolume(b -> b.availabilityZone(ZONE).size(8).volumeType("gp3").encrypted(true)
                .tagSpecifications(tags(ResourceType.VOLUME, Map.of("Backup", "true", "Name", "strongroom-data",
                        "strongroom:vault", "strongroom-test", "strongroom:host", "a")))).volumeId();
        ec2.attachVolume(b -> b.volumeId(volumeId).instanceId(instanceId).device("/dev/sdf"));
        snapshotId = ec2.createSnapshot(b -> b.volumeId(volumeId).tagSpecifications(tags(ResourceType.SNAPSHOT,
                Map.of("aws:dlm:lifecycle-policy-id", AwsStubs.POLICY_ID, "strongroom:schedule", "daily",
                        "Backup", "true", "strongroom:vault", "strongroom-test", "strongroom:host", "a"))))
                .snapshotId();
        stubs = SnapshotsTestResource.stubs();
        stubs.reset();
        stubs.instance(instanceId, ZONE);
        stubs.policy(AwsStubs.deployedPolicy(MotoEmulator.REPLICA_REGION));
    }

    /** Users are made through the API, which REST Assured reaches only once the test methods run. */
    @BeforeEach
    void users() {
        if (ops == null) {
            ops = Vault.user("oscar", "ops");
            auditor = Vault.user("aude", "auditor");
        }
    }

    @AfterAll
    void close() {
        ec2.close();
    }

    private static TagSpecification tags(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type).tags(tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
    }

    private JsonPath check() {
        return Vault.as(ops).post("/api/snapshots/checks").then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void findsTheInstanceThroughImdsV2AndTheDataVolumeThroughEc2AndReportsACompliantPolicyAndAFreshSnapshot() {
        JsonPath status = check();
        assertEquals(List.of(), status.getList("problems"), status::prettify);
        assertEquals(instanceId, status.getString("instance.instanceId"));
        assertEquals(ZONE, status.getString("instance.availabilityZone"));
        assertEquals(volumeId, status.getString("instance.volumeId"), "found by its attachment at /dev/sdf");
        assertEquals("imds", status.getString("instance.source"));
        assertEquals(0, stubs.metadataRequestsWithoutToken(), "every metadata read carried the IMDSv2 token");
        assertTrue(stubs.tokenRequests() >= 1);
        assertEquals("ENABLED", status.getString("policy.state"));
        assertTrue(status.getBoolean("policy.compliant"));
        assertEquals(List.of(MotoEmulator.REPLICA_REGION), status.getList("policy.copyRegions"));
        assertEquals(1, status.getInt("snapshotCount"));
        assertEquals(snapshotId, status.getString("newestSnapshotId"));
        assertTrue(status.getLong("newestAgeSeconds") < 120, status::prettify);

        given().get("/q/health/well").then().body("checks.find { it.name == 'snapshots' }.status", equalTo("UP"));
        String metrics = Vault.as(ops).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("strongroom_snapshots_count 1.0"), metrics);
        assertTrue(metrics.contains("strongroom_snapshots_policy_compliant 1.0"), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("strongroom_snapshots_newest_age_seconds ")), metrics);
    }

    @Test
    @Order(2)
    void aDisabledPolicyIsNonCompliant() {
        var policy = AwsStubs.deployedPolicy(MotoEmulator.REPLICA_REGION);
        policy.put("State", "DISABLED");
        policy.put("StatusMessage", "DISABLED");
        stubs.policy(policy);
        JsonPath status = check();
        assertEquals("DISABLED", status.getString("policy.state"));
        assertEquals(false, status.getBoolean("policy.compliant"));
        assertTrue(status.getString("policy.findings[0]").contains("is DISABLED, not ENABLED"), status::prettify);
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'snapshots' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'snapshots' }.data.problem", containsString("DISABLED"));
        String metrics = Vault.as(ops).get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("strongroom_snapshots_policy_compliant 0.0"), metrics);
    }

    @Test
    @Order(3)
    void aMissingPolicyIsNonCompliantWhetherNoneCarriesTheTagOrItWasDeleted() {
        stubs.reset();
        stubs.instance(instanceId, ZONE);
        stubs.noPolicy();
        JsonPath none = check();
        assertEquals("MISSING", none.getString("policy.state"));
        assertEquals(false, none.getBoolean("policy.compliant"));
        assertTrue(none.getString("policy.findings[0]").contains("no DLM lifecycle policy targets volumes tagged "
                + "Backup=true"), none::prettify);

        stubs.reset();
        stubs.instance(instanceId, ZONE);
        stubs.deletedPolicy();
        JsonPath deleted = check();
        assertEquals("MISSING", deleted.getString("policy.state"));
        assertTrue(deleted.getString("policy.findings[0]").contains(AwsStubs.POLICY_ID + " does not exist"),
                deleted::prettify);
    }

    @Test
    @Order(4)
    void aPolicyWithoutCrossRegionCopyIsNonCompliant() {
        stubs.reset();
        stubs.instance(instanceId, ZONE);
        stubs.policy(AwsStubs.withoutCrossRegionCopy(AwsStubs.deployedPolicy(MotoEmulator.REPLICA_REGION)));
        JsonPath status = check();
        assertEquals("ENABLED", status.getString("policy.state"));
        assertEquals(false, status.getBoolean("policy.compliant"));
        assertEquals(2, status.getList("policy.findings").size(), status::prettify);
        assertTrue(status.getString("policy.findings[0]").contains("'daily' schedule has no cross-region copy"));
        assertTrue(status.getString("policy.findings[1]").contains("'weekly' schedule has no cross-region copy"));

        stubs.policy(AwsStubs.deployedPolicy("us-east-2"));
        JsonPath elsewhere = check();
        assertTrue(elsewhere.getString("policy.findings[0]").contains("not to the replica region "
                + MotoEmulator.REPLICA_REGION), elsewhere::prettify);
        Vault.as(auditor).get("/api/audit?action=snapshot.status").then().statusCode(200)
                .body("items[0].outcome", equalTo("failure"))
                .body("items[0].detail.problems", containsString("replica region"));
        stubs.policy(AwsStubs.deployedPolicy(MotoEmulator.REPLICA_REGION));
    }

    @Test
    @Order(5)
    void listsTheDataVolumesSnapshotsWithTheirDlmPolicyAndSchedule() {
        check();
        Vault.as(ops).get("/api/snapshots").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].snapshotId", equalTo(snapshotId))
                .body("[0].volumeId", equalTo(volumeId))
                .body("[0].state", equalTo("completed"))
                .body("[0].policyId", equalTo(AwsStubs.POLICY_ID))
                .body("[0].schedule", equalTo("daily"));
        Vault.as(Vault.user("anna", "analyst")).get("/api/snapshots").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    @Order(6)
    void aDryRunRestoreShowsThePlanAndCreatesNothing() {
        int volumesBefore = ec2.describeVolumes().volumes().size();
        JsonPath plan = Vault.as(ops).contentType("application/json")
                .body(Map.of("snapshotId", snapshotId, "dryRun", true)).post("/api/snapshots/restores").then()
                .statusCode(200).extract().jsonPath();
        assertEquals("planned", plan.getString("state"), plan::prettify);
        assertEquals(true, plan.getBoolean("dryRun"));
        assertEquals(ZONE, plan.getString("plan.availabilityZone"));
        assertEquals(instanceId, plan.getString("plan.instanceId"));
        assertEquals("/dev/sdg", plan.getString("plan.device"));
        assertEquals("gp3", plan.getString("plan.volumeType"));
        assertEquals(true, plan.getBoolean("plan.encrypted"));
        assertEquals(snapshotId, plan.getString("plan.tags.'strongroom:restored-from'"));
        assertEquals(null, plan.getString("volumeId"));
        assertEquals(volumesBefore, ec2.describeVolumes().volumes().size(), "a dry run creates no volume");
        assertTrue(ec2.describeVolumes().volumes().stream().noneMatch(v -> snapshotId.equals(v.snapshotId())));
    }

    @Test
    @Order(7)
    void restoreCreatesAnEncryptedGp3VolumeWaitsUntilAvailableAttachesItAndTagsIt() {
        JsonPath started = Vault.as(ops).contentType("application/json")
                .body(Map.of("snapshotId", snapshotId, "dryRun", false)).post("/api/snapshots/restores").then()
                .statusCode(202).extract().jsonPath();
        String id = started.getString("id");
        JsonPath done = awaitRestore(id);
        assertEquals("succeeded", done.getString("state"), done::prettify);
        assertEquals(List.of("done", "done", "done", "done"), done.getList("steps.state"));
        assertEquals(List.of("create-volume", "wait-available", "attach", "wait-attached"), done.getList("steps.name"));
        assertTrue(done.getList("steps[1].observed").contains("available"), done::prettify);
        assertEquals("attaching", done.getString("steps[2].observed[0]"), "AttachVolume answers 'attaching'");
        assertTrue(done.getList("steps[3].observed").contains("attached"), done::prettify);
        assertTrue(done.getString("next[0]").contains("mount-restored-volume.sh"));

        String restored = done.getString("volumeId");
        Volume volume = ec2.describeVolumes(b -> b.volumeIds(restored)).volumes().get(0);
        assertEquals(snapshotId, volume.snapshotId());
        assertEquals(ZONE, volume.availabilityZone());
        assertEquals("gp3", volume.volumeTypeAsString());
        assertTrue(volume.encrypted());
        assertEquals("in-use", volume.stateAsString());
        assertEquals(instanceId, volume.attachments().get(0).instanceId());
        assertEquals("/dev/sdg", volume.attachments().get(0).device());
        assertEquals("attached", volume.attachments().get(0).stateAsString());
        Map<String, String> tags = volume.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals(snapshotId, tags.get("strongroom:restored-from"));
        assertEquals(id, tags.get("strongroom:restore-id"));
        assertEquals(volumeId, tags.get("strongroom:replaces-volume"));
        assertEquals(ops, tags.get("strongroom:restored-by"));
        assertEquals("true", tags.get("Backup"), "DLM snapshots the restored volume from the start");
        assertEquals("strongroom-test", tags.get("strongroom:vault"), "the instance role creates only volumes tagged "
                + "with its vault (policies/iam-snapshots.json), so the volume carries the replaced volume's tags");
        assertEquals("a", tags.get("strongroom:host"));

        Vault.as(auditor).get("/api/audit?action=snapshot.restore.wait-attached").then().statusCode(200)
                .body("items[0].actor", equalTo(ops)).body("items[0].outcome", equalTo("success"))
                .body("items[0].resource", equalTo("snapshot/" + snapshotId))
                .body("items[0].detail.volumeId", equalTo(restored));
        for (String step : List.of("snapshot.restore", "snapshot.restore.create-volume",
                "snapshot.restore.wait-available", "snapshot.restore.attach", "snapshot.restore.attached")) {
            Vault.as(auditor).get("/api/audit?action=" + step).then().statusCode(200)
                    .body("items.actor", hasItem(ops));
        }
        Vault.as(ops).get("/api/snapshots/restores").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    @Order(8)
    void refusesWhatCannotBeRestoredWithProblemDetails() {
        Vault.as(ops).contentType("application/json").body(Map.of("snapshotId", snapshotId, "dryRun", false))
                .post("/api/snapshots/restores").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already has volume"));
        Vault.as(ops).contentType("application/json").body(Map.of("snapshotId", "snap-0123456789abcdef0"))
                .post("/api/snapshots/restores").then().statusCode(404).contentType("application/problem+json");
        Vault.as(ops).contentType("application/json").body(Map.of("snapshotId", "../etc"))
                .post("/api/snapshots/restores").then().statusCode(400).contentType("application/problem+json");
        String other = ec2.createVolume(b -> b.availabilityZone(ZONE).size(1)).volumeId();
        String foreign = ec2.createSnapshot(b -> b.volumeId(other)).snapshotId();
        Vault.as(ops).contentType("application/json").body(Map.of("snapshotId", foreign))
                .post("/api/snapshots/restores").then().statusCode(409)
                .body("detail", containsString("not of the data volume"));
        String otherVaults = ec2.createSnapshot(b -> b.volumeId(other).tagSpecifications(tags(ResourceType.SNAPSHOT,
                Map.of("Backup", "true", "strongroom:vault", "another-vault")))).snapshotId();
        Vault.as(ops).contentType("application/json").body(Map.of("snapshotId", otherVaults, "dryRun", true))
                .post("/api/snapshots/restores").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("is tagged strongroom:vault=another-vault, not strongroom-test"));
        Vault.as(auditor).contentType("application/json").body(Map.of("snapshotId", snapshotId))
                .post("/api/snapshots/restores").then().statusCode(403);
        Vault.as(ops).get("/api/snapshots/restores/restore-nope").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private JsonPath awaitRestore(String id) {
        return await("restore " + id + " ends").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(100))
                .until(() -> Vault.as(ops).get("/api/snapshots/restores/" + id).then().statusCode(200).extract()
                        .jsonPath(), view -> !"running".equals(view.getString("state")));
    }
}
