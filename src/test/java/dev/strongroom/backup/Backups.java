package dev.strongroom.backup;

import dev.strongroom.support.Vault;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;

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
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonPath run = get(ops, runId);
            if (!"running".equals(run.getString("state"))) {
                return run;
            }
            sleep(100);
        }
        throw new AssertionError("backup run " + runId + " still running after " + timeout);
    }

    static JsonPath runToEnd(String ops) {
        return await(ops, start(ops), Duration.ofMinutes(2));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
