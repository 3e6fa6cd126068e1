package dev.strongroom.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserAdministrationTest {

    @Test
    void aDisabledUserCannotSignInUntilEnabledAgain() {
        String alice = Vault.user("alice", "analyst");
        Vault.as(alice).get("/api/documents").then().statusCode(200);
        Vault.as(Vault.ADMIN).post("/api/admin/users/" + alice + "/disable").then().statusCode(200)
                .body("disabled", equalTo(true));
        Vault.as(alice).get("/api/documents").then().statusCode(401).contentType("application/problem+json");
        Vault.as(Vault.ADMIN).post("/api/admin/users/" + alice + "/enable").then().statusCode(200)
                .body("disabled", equalTo(false));
        Vault.as(alice).get("/api/documents").then().statusCode(200);
        Vault.as(Vault.user("audrey", "auditor")).get("/api/audit?actor=admin&action=user.disable").then()
                .body("items.resource", org.hamcrest.Matchers.hasItem("user/" + alice));
    }

    @Test
    void aResetPasswordReplacesTheOldOneAtOnce() {
        String bob = Vault.user("bob", "analyst");
        Vault.as(bob).get("/api/documents").then().statusCode(200);
        Vault.as(Vault.ADMIN).contentType("application/json").body(Map.of("password", "a-brand-new-password"))
                .put("/api/admin/users/" + bob + "/password").then().statusCode(204);
        Vault.as(bob).get("/api/documents").then().statusCode(401);
        given().auth().preemptive().basic(bob, "a-brand-new-password").get("/api/documents").then().statusCode(200);
        Vault.as(Vault.user("audrey", "auditor")).get("/api/audit?action=user.password.reset").then()
                .body("items.resource", org.hamcrest.Matchers.hasItem("user/" + bob));
    }

    @Test
    void refusalsAreProblemsThatNameTheProblem() {
        Vault.as(Vault.ADMIN).post("/api/admin/users/admin/disable").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("your own account"));
        Vault.as(Vault.ADMIN).post("/api/admin/users/nobody-here/disable").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("nobody-here"));
        Vault.as(Vault.ADMIN).contentType("application/json").body(Map.of("password", "short"))
                .put("/api/admin/users/admin/password").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("password"));
        String carol = Vault.user("carol", "analyst");
        Vault.as(carol).post("/api/admin/users/" + carol + "/enable").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void openApiDocumentsTheUserAdministration() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/admin/users/{username}/disable'.post.responses.keySet()", hasItems("200", "404", "409"))
                .body("paths.'/api/admin/users/{username}/enable'.post.responses.keySet()", hasItems("200", "404"))
                .body("paths.'/api/admin/users/{username}/password'.put.responses.keySet()", hasItems("204", "400", "404"))
                .body("paths", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("/admin")));
    }
}
