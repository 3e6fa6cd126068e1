package dev.strongroom.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void healthReportsVolumeAndCatalog() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("data-volume")).body("checks.name", hasItem("Database connections health check"))
                .body("checks.find { it.name == 'data-volume' }.data.writable", equalTo(true));
    }

    @Test
    void metricsCountUploadsForOpsOnly() {
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        Vault.upload(alice, "m.txt", Samples.text(100)).then().statusCode(201);
        Vault.as(ops).get("/q/metrics").then().statusCode(200)
                .body(containsString("strongroom_uploads_total{outcome=\"accepted\"}"))
                .body(containsString("strongroom_upload_bytes_total"))
                .body(containsString("strongroom_audit_events_total"));
        Vault.as(alice).get("/q/metrics").then().statusCode(403);
    }

    @Test
    void openApiDocumentsTheDocumentApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/documents'.post.responses.'413'.description", containsString("larger"));
    }

    @Test
    void unknownPathIsProblemJson() {
        Vault.as(Vault.ADMIN).get("/api/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
