package dev.strongroom.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strongroom.support.Vault;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Backups, drills and reports started and awaited through the real API, as ops and auditors would. */
final class Compliance {

    private Compliance() {
    }

    static void backup(String ops) {
        String id = Vault.as(ops).post("/api/backups/runs").then().statusCode(202).extract().path("id");
        JsonPath run = await(() -> Vault.as(ops).get("/api/backups/runs/" + id).then().statusCode(200).extract()
                .jsonPath(), Duration.ofMinutes(2));
        assertEquals("succeeded", run.getString("state"), run::prettify);
    }

    static JsonPath drill(String user, Map<String, Object> body) {
        String id = Vault.as(user).contentType("application/json").body(body).post("/api/compliance/drills").then()
                .statusCode(202).extract().path("id");
        return await(() -> Vault.as(user).get("/api/compliance/drills/" + id).then().statusCode(200).extract()
                .jsonPath(), Duration.ofMinutes(2));
    }

    /** Makes a report of the last day and returns its finished view. */
    static JsonPath report(String user) {
        String id = Vault.as(user).contentType("application/json")
                .body(Map.of("from", Instant.now().minus(Duration.ofDays(1)).toString())).post("/api/compliance/reports")
                .then().statusCode(202).extract().path("id");
        JsonPath report = await(() -> Vault.as(user).get("/api/compliance/reports/" + id).then().statusCode(200)
                .extract().jsonPath(), Duration.ofMinutes(2));
        assertEquals("succeeded", report.getString("state"), report::prettify);
        return report;
    }

    static JsonPath json(String user, String reportId) {
        return new JsonPath(Vault.as(user).get("/api/compliance/reports/" + reportId + "/report.json").then()
                .statusCode(200).extract().asString());
    }

    /** The check of that name in a report.json. */
    static Map<String, Object> check(JsonPath report, String name) {
        List<Map<String, Object>> checks = report.getList("checks");
        return checks.stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + report.prettify()));
    }

    private interface Poll {
        JsonPath get();
    }

    /** The view once it is no longer running, or the last one seen when the time is up (the caller asserts on it). */
    private static JsonPath await(Poll poll, Duration timeout) {
        AtomicReference<JsonPath> last = new AtomicReference<>();
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(150)).until(() -> {
                last.set(poll.get());
                return !"running".equals(last.get().getString("state"));
            });
        } catch (ConditionTimeoutException e) {
            // returned as it is: still running
        }
        return last.get();
    }
}
