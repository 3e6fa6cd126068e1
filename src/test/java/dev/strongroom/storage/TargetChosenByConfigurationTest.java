package dev.strongroom.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.VaultIdentity;
import dev.strongroom.catalog.H2PassOnly;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Adding a backup target is one class plus configuration: with {@code strongroom.storage.target=memory}
 * and nothing else changed, a whole backup run (documents, catalog, journal, manifest) lands in the
 * in-memory target, confirmed by the checksums it reports.
 */
@H2PassOnly("which target the configuration picks; the catalog's side of a run runs on PostgreSQL in BackupRunTest")
@QuarkusTest
@TestProfile(TargetChosenByConfigurationTest.InMemoryTarget.class)
class TargetChosenByConfigurationTest {

    public static class InMemoryTarget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("strongroom.storage.target", "memory");
        }
    }

    @Inject
    BackupTarget target;

    @Inject
    VaultIdentity identity;

    @Test
    void aWholeBackupRunLandsInTheTargetTheConfigurationNames() {
        assertInstanceOf(InMemoryBackupTarget.class, assertInstanceOf(ClaimedBucket.class, ClientProxy.unwrap(target))
                .chosen());
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        byte[] bytes = Samples.text(2_345);
        String id = Vault.upload(alice, "receipt.txt", bytes).then().statusCode(201).extract().path("id");

        String runId = Vault.as(ops).post("/api/backups/runs").then().statusCode(202).extract().path("id");
        JsonPath run = Awaitility.await("backup run " + runId + " to end").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Vault.as(ops).get("/api/backups/runs/" + runId).then().statusCode(200).extract()
                        .jsonPath(), r -> !"running".equals(r.getString("state")));

        assertEquals("succeeded", run.getString("state"), run::prettify);
        String versionId = Vault.as(ops).get("/api/documents/" + id).then().statusCode(200).extract()
                .path("backupVersionId");
        ObjectInfo document = target.head(ObjectKeys.document(id), versionId).orElseThrow();
        assertNull(ExpectedChecksum.wholeObject(Samples.sha256(bytes)).mismatch(document.checksum(),
                document.checksumType(), versionId));
        HostKeys host = HostKeys.of(identity.hostId());
        assertTrue(target.head(host.manifest(runId), null).isPresent(), "the run's manifest, under this host's prefix");
        assertTrue(target.head(host.catalog(runId), null).isPresent(), "the run's catalog export");
        assertTrue(!target.list(host.journal()).isEmpty(), "the audit journal");
    }
}
