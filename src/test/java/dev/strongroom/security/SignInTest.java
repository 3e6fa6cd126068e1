package dev.strongroom.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignInTest {

    @Test
    void repeatedWrongPasswordsAreThrottledEvenForTheRightPassword() {
        String victim = Vault.user("victim", "analyst");
        for (int i = 0; i < 5; i++) {
            given().auth().preemptive().basic(victim, "guess-" + i).get("/api/documents").then().statusCode(401);
        }
        Vault.as(victim).get("/api/documents").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("detail", containsString("Too many failed sign-ins"));
    }

    @Test
    void failedSignInsAndRefusalsAreAudited() {
        String auditor = Vault.user("audrey", "auditor");
        String analyst = Vault.user("alice", "analyst");
        given().auth().preemptive().basic(analyst, "wrong-password").get("/api/documents").then().statusCode(401);
        Vault.as(analyst).get("/api/audit").then().statusCode(403);
        Vault.as(auditor).get("/api/audit?action=login.failure&actor=" + analyst).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].outcome", equalTo("failure"));
        Vault.as(auditor).get("/api/audit?action=access.denied&actor=" + analyst).then().statusCode(200)
                .body("items[0].resource", equalTo("path/api/audit"));
    }

    @Test
    void adminCreatesUsersAndRefusesBadOnes() {
        Vault.as(Vault.ADMIN).contentType("application/json")
                .body(Map.of("username", "x", "password", "short", "roles", List.of("wizard")))
                .post("/api/admin/users").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("password")).body("detail", containsString("username"));
        String name = Vault.user("carol", "ops", "auditor");
        Vault.as(Vault.ADMIN).contentType("application/json")
                .body(Map.of("username", name, "password", "another-long-password", "roles", List.of("ops")))
                .post("/api/admin/users").then().statusCode(409);
        Vault.as(Vault.ADMIN).get("/api/admin/users").then().statusCode(200)
                .body("username", hasItem(name)).body("passwordHash", not(hasItem(notNullValue())));
    }
}
