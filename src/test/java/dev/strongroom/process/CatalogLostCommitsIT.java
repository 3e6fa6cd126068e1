package dev.strongroom.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.process.VaultClient.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * At a full volume H2 can lose its newest commits after the clients were answered
 * (catalog.CatalogHousekeepingCrashTest): the catalog opens holding the state after some first changes. Here the
 * packaged vault's catalog is put back to a copy taken between two runs, exactly that picture, after the second run
 * uploaded, set and released legal holds, created a user, saved a view and edited a description, and was killed. The
 * next start, with no setting changed, brings the catalog up to the journal: the upload, the holds, the user, the view
 * and the edit are back, the trail verifies, and the log has no ERROR.
 */
@ExtendWith(VaultProcess.LogTailOnFailure.class)
class CatalogLostCommitsIT {

    private static final User ANALYST = new User("lost-analyst", "analyst-password-for-lost-commits");
    private static final User AUDITOR = new User("lost-auditor", "auditor-password-for-lost-commits");
    private static final String LATE_USER = "late-analyst";

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void theNextStartMakesAgainWhatTheCatalogLostFromTheJournal() throws Exception {
        Path work = ScratchDirectory.fresh("lost-commits");
        Path data = work.resolve("data");
        Path catalog = data.resolve("catalog");
        Path olderCopy = work.resolve("catalog-before");
        String kept;
        String released;
        try (VaultProcess vault = VaultProcess.start(data, work.resolve("first.log"), List.of(), Map.of())) {
            VaultClient client = new VaultClient(vault, Duration.ofSeconds(60));
            client.createUser(ANALYST, "analyst");
            client.createUser(AUDITOR, "auditor");
            kept = upload(client, "kept.txt");
            released = upload(client, "released.txt");
            hold(client, released, true);
            vault.stop();
        }
        PathUtils.copyDirectory(catalog, olderCopy);

        String late;
        String lateSha256;
        try (VaultProcess vault = VaultProcess.start(data, work.resolve("second.log"), List.of(), Map.of())) {
            VaultClient client = new VaultClient(vault, Duration.ofSeconds(60));
            late = upload(client, "late.txt");
            lateSha256 = client.getJson(ANALYST, "/api/documents/" + late).path("sha256").asText();
            // The edit first: a hold freezes the description.
            VaultClient.expect(303, client.submitPageForm(ANALYST, "/documents/" + kept, "/documents/" + kept + "/edit",
                    "description=Taxi+to+the+airport&tags=travel"));
            assertEquals("Taxi to the airport",
                    client.getJson(ANALYST, "/api/documents/" + kept).path("description").asText());
            hold(client, kept, true);
            hold(client, released, false);
            VaultClient.expect(201, client.send(VaultClient.ADMIN, "POST", "/api/admin/users",
                    "{\"username\":\"" + LATE_USER + "\",\"password\":\"late-analyst-password\",\"roles\":[\"analyst\"]}"));
            VaultClient.expect(303, client.submitPageForm(ANALYST, "/documents", "/views",
                    "name=Late+view&query=tag%3Dtravel"));
            vault.kill();
        }
        ScratchDirectory.delete(catalog);
        PathUtils.copyDirectory(olderCopy, catalog);

        Path log = work.resolve("third.log");
        try (VaultProcess vault = VaultProcess.start(data, log, List.of(), Map.of())) {
            VaultClient client = new VaultClient(vault, Duration.ofSeconds(60));
            assertEquals(List.of(kept, released, late), client.allDocuments(ANALYST).stream()
                    .map(document -> document.path("id").asText()).toList(), "the late upload is back");
            VaultClient.Download download = client.download(ANALYST, late);
            assertEquals(lateSha256, download.sha256(), "the late upload reads back as it was stored");
            JsonNode keptNow = client.getJson(AUDITOR, "/api/documents/" + kept);
            assertTrue(keptNow.path("legalHold").asBoolean(), "the hold set after the copy is back: " + keptNow);
            assertEquals("Taxi to the airport", keptNow.path("description").asText(), "the edit is back");
            assertEquals("[\"travel\"]", keptNow.path("tags").toString(), "the edit's tags are back");
            assertTrue(!client.getJson(AUDITOR, "/api/documents/" + released).path("legalHold").asBoolean(),
                    "the release after the copy is back");
            assertTrue(client.getJson(VaultClient.ADMIN, "/api/admin/users").toString().contains(LATE_USER),
                    "the user created after the copy is back");
            HttpResponse<String> documents = client.send(ANALYST, "GET", "/documents", null);
            assertTrue(documents.body().contains("href=\"/documents?tag=travel\">Late view</a>"),
                    "the view saved after the copy is back");
            JsonNode replay = client.getJson(AUDITOR, "/api/audit?action=change.replay&size=1").path("items").get(0);
            assertEquals("4", replay.path("detail").path("remade").asText(), replay.toPrettyString());
            JsonNode verified = client.verifyFull(AUDITOR);
            assertTrue(verified.path("ok").asBoolean(), verified.toPrettyString());
        }
        assertEquals(List.of(), Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(" ERROR ")).toList(), "no ERROR line in the start that made them again");
    }

    private static String upload(VaultClient client, String name) throws IOException, InterruptedException {
        byte[] content = (name + ": taxi to the airport, 42.00 EUR, " + System.nanoTime() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        var answer = client.upload(ANALYST, name, content, "receipt");
        VaultClient.expect(201, answer);
        return VaultClient.json(answer).path("id").asText();
    }

    private static void hold(VaultClient client, String id, boolean hold) {
        VaultClient.expect(200, client.send(AUDITOR, "PUT", "/api/documents/" + id + "/legal-hold",
                "{\"hold\":" + hold + ",\"reason\":\"case 7\"}"));
    }
}
