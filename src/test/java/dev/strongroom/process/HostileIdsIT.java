package dev.strongroom.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.process.VaultClient.User;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An attacker's ids in every path parameter of every route, taken from the code: 37 characters (one
 * more than a document id), 64 (a pasted SHA-256) and 1,000. Each must be a clear 4xx, never a 5xx,
 * and the vault must start again afterwards with an intact, fully indexed chain: the journal may hold
 * what the index cannot take, and no such line may stop the next start (issue 16).
 */
@ExtendWith(VaultProcess.LogTailOnFailure.class)
class HostileIdsIT {

    private static final User EVERYONE = new User("probe-all-roles", "probe-password-all-roles");
    private static final String THIRTY_SEVEN = "0f6a2c3e-9d41-4b7a-8e2f-5c1d0a9b7e6f1";
    private static final String SIXTY_FOUR = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    private static final String THOUSAND = "a1b2c3d4e5".repeat(100);

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void overLongIdsInEveryPathParameterAreAClear4xxAndTheVaultStartsAgain() throws Exception {
        Path work = ScratchDirectory.fresh("hostile-ids");
        Path data = work.resolve("data");
        List<Routes.Route> routes = Routes.withPathParameters();
        assertTrue(routes.size() >= 20, "the routes with a path parameter were not found in the code: " + routes);
        assertEquals(37, THIRTY_SEVEN.length());
        assertEquals(64, SIXTY_FOUR.length());
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        int refusedByTheGuard = 0;
        try (VaultProcess vault = start(data, work, "first")) {
            VaultClient client = new VaultClient(vault, Duration.ofSeconds(60));
            client.createUser(EVERYONE, "analyst", "auditor", "ops", "admin");
            for (Routes.Route route : routes) {
                for (String id : List.of(THIRTY_SEVEN, SIXTY_FOUR, THOUSAND)) {
                    String path = route.with(id) + (route.method().equals("DELETE") ? "?reason=probing+with+long+ids"
                            : "");
                    HttpResponse<String> response = send(client, route, path);
                    statuses.put(route + " (" + id.length() + ")", response.statusCode());
                    if (id.equals(THOUSAND) && response.statusCode() == 400) {
                        refusedByTheGuard++;
                    }
                    if (response.statusCode() < 400 || response.statusCode() >= 500) {
                        wrong.add(route + " with a " + id.length() + "-character id answered " + response.statusCode()
                                + ": " + response.body().substring(0, Math.min(300, response.body().length())));
                    } else if (route.template().startsWith("/api/") && !response.headers().firstValue("Content-Type")
                            .orElse("").startsWith("application/problem+json")) {
                        wrong.add(route + " with a " + id.length() + "-character id answered " + response.statusCode()
                                + " without a problem document");
                    }
                }
            }
            // Fields of the sign-in that reach indexed columns: the user name (actor) and the request id.
            String longName = "u".repeat(1000);
            HttpResponse<String> signIn = client.send(HttpRequest.newBuilder(vault.uri("/api/documents"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((longName + ":x").getBytes()))
                    .header("X-Request-Id", "r".repeat(1000)).timeout(Duration.ofSeconds(60)));
            assertEquals(401, signIn.statusCode(), signIn.body());
            JsonNode verified = client.verifyFull(EVERYONE);
            assertTrue(verified.path("ok").asBoolean(), verified.toPrettyString());
            vault.kill();
        }
        System.out.println("HostileIdsIT: " + routes.size() + " routes x 3 ids: " + statuses);
        assertEquals(List.of(), wrong, "every hostile id must be a clear 4xx");
        try (VaultProcess vault = start(data, work, "restarted")) {
            VaultClient client = new VaultClient(vault, Duration.ofSeconds(60));
            JsonNode verified = client.verifyFull(EVERYONE);
            assertTrue(verified.path("ok").asBoolean(), verified.toPrettyString());
            assertEquals(verified.path("eventCount").asLong(), verified.path("indexRowsChecked").asLong(),
                    "every event of the journal is in the index: " + verified.toPrettyString());
            long refused = client.getJson(EVERYONE, "/api/audit?action=request.rejected&size=1000").path("total")
                    .asLong();
            // Every route's id is looked at before anything else, and every refusal of an id is on the record.
            assertEquals(routes.size(), refusedByTheGuard, "the 1,000-character ids were refused by the path check: "
                    + statuses);
            assertEquals(refusedByTheGuard, refused, "each refused id is on the record, once");
            JsonNode rejected = client.getJson(EVERYONE, "/api/audit?action=request.rejected&size=1").path("items")
                    .get(0);
            assertEquals("1000", rejected.path("detail").path("length").asText(), rejected.toPrettyString());
            assertEquals(64, rejected.path("detail").path("starting").asText().length(), rejected.toPrettyString());
            assertTrue(client.healthCheck("audit-journal").path("status").asText().equals("UP"),
                    client.health().toPrettyString());
        }
    }

    /**
     * The request each route takes as a browser or an API client sends it: pages get a form, so their
     * content type does not turn the request away (415) before its path is looked at.
     */
    private static HttpResponse<String> send(VaultClient client, Routes.Route route, String path) {
        if (route.method().equals("POST") && !route.template().startsWith("/api/")) {
            return client.postForm(EVERYONE, path, "reason=probe&hold=true&description=probe");
        }
        String body = switch (route.method()) {
            case "PUT" -> "{\"hold\":true,\"reason\":\"probe\"}";
            case "POST" -> "{}";
            default -> null;
        };
        return client.send(EVERYONE, route.method(), path, body);
    }

    private static VaultProcess start(Path data, Path work, String name) {
        return VaultProcess.start(data, work.resolve("vault-" + name + ".log"), List.of("-Xmx256m"),
                Map.of("STRONGROOM_AUDIT_CLOUDWATCH_ENABLED", "false", "STRONGROOM_METADATA_ENABLED", "false"));
    }
}
