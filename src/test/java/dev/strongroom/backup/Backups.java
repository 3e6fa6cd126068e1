package dev.strongroom.backup;

import dev.strongroom.support.Vault;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Objects;
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

    /**
     * As {@link #runToEnd}, where the vault may start a run of its own meanwhile (its spot check does, when it finds
     * a copy to repair): a start refused with 409 because a run is going is asked again once that run ends.
     */
    static JsonPath runToEndOnceFree(String ops) {
        MotoTestResource.require();
        String id = Awaitility.await("a backup run to start once no other is running").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    Response started = Vault.as(ops).post("/api/backups/runs");
                    String problem = started.statusCode() == 409 ? started.path("type") : null;
                    if (problem != null && problem.endsWith("/backup-running")) {
                        return null;
                    }
                    return started.then().statusCode(202).extract().<String>path("id");
                }, Objects::nonNull);
        return await(ops, id, Duration.ofMinutes(5));
    }
}
