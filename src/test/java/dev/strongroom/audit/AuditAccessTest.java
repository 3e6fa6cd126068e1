package dev.strongroom.audit;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditAccessTest {

    @Test
    void anAnalystIsRefusedTheAuditTrailWithAProblemDocument() {
        String analyst = Vault.user("analyst", "analyst");

        Vault.as(analyst).get("/api/audit").then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("detail", not(emptyOrNullString()));
    }

    @Test
    void theRefusalIsInTheAuditTrail() {
        String analyst = Vault.user("analyst", "analyst");
        String auditor = Vault.user("auditor", "auditor");
        Vault.as(analyst).get("/api/audit").then().statusCode(403);

        Vault.as(auditor).queryParam("actor", analyst).queryParam("action", "access.denied").get("/api/audit").then()
                .statusCode(200)
                .body("items.resource", contains("path/api/audit"))
                .body("items.outcome", contains("denied"));
    }
}
