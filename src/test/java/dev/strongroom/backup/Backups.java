package dev.strongroom.backup;

import dev.strongroom.support.Vault;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Starts backup runs and waits for them through the real API, as ops would. */
final class Backups {

    private Backups() {
    }

    static String start(String ops) {
        MotoTestResource.require();
        return Vault.as(ops).post("/api/backups/runs").then().statusCode(202).extract().path("id");
    }

    static JsonPath get(String ops, String runId) {
        return Vault.as(ops).get("/api/backups/runs/" + runId).then().statusCode(200).extract().jsonPath();
    }

    /** Polls the run until it is no longer running; returns its final view. */
    static JsonPath await(String ops, String runId, Duration timeout) {
        return Awaitility.await("backup run " + runId + " to end").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> get(ops, runId), run -> !"running".equals(run.getString("state")));
    }

    static JsonPath runToEnd(String ops) {
        return await(ops, start(ops), Duration.ofMinutes(5));
    }
}
