package dev.strongroom.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoleChangeTest {

    private static void roles(String admin, String user, int status, String... roles) {
        Vault.as(admin).contentType("application/json").body(Map.of("roles", List.of(roles)))
                .put("/api/admin/users/" + user + "/roles").then().statusCode(status);
    }

    @Test
    void newRolesWithoutAdminApplyAtOnceAndCountAtTheNextRequest() {
        String alice = Vault.user("alice", "analyst");
        String first = Vault.user("adam", "admin");
        Vault.as(alice).get("/api/audit").then().statusCode(403);
        Vault.as(first).contentType("application/json").body(Map.of("roles", List.of("analyst", "auditor")))
                .put("/api/admin/users/" + alice + "/roles").then().statusCode(200)
                .body("roles", contains("analyst", "auditor"));
        Vault.as(alice).get("/api/audit").then().statusCode(200);
        Vault.as(alice).queryParam("action", "user.roles.change").queryParam("actor", first).get("/api/audit").then()
                .body("items.outcome", hasItems("intent", "success"))
                .body("items.find { it.outcome == 'intent' }.detail.previousRoles", equalTo("analyst"));
    }

    @Test
    void grantingAdminWaitsForASecondAdmin() {
        String bob = Vault.user("bob", "ops");
        String first = Vault.user("adam", "admin");
        String second = Vault.user("ada", "admin");
        String requestId = Vault.as(first).contentType("application/json").body(Map.of("roles", List.of("admin")))
                .put("/api/admin/users/" + bob + "/roles").then().statusCode(202).body("username", equalTo(bob))
                .body("roles", contains("admin")).body("requestedBy", equalTo(first)).extract().path("id");
        Vault.as(bob).get("/api/admin/users").then().statusCode(403);
        roles(second, bob, 409, "admin", "ops");
        Vault.as(second).get("/api/admin/role-changes").then().statusCode(200)
                .body("find { it.id == '" + requestId + "' }.username", equalTo(bob));
        Vault.as(first).post("/api/admin/role-changes/" + requestId + "/approve").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("two different admins"));
        Vault.as(second).post("/api/admin/role-changes/" + requestId + "/approve").then().statusCode(200)
                .body("roles", contains("admin"));
        Vault.as(bob).get("/api/admin/users").then().statusCode(200);
        Vault.as(second).get("/api/admin/role-changes").then()
                .body("find { it.id == '" + requestId + "' }", nullValue());
    }

    @Test
    void aWaitingGrantIsRejectedByAnotherAdminOrWithdrawnByItsRequester() {
        String carol = Vault.user("carol", "analyst");
        String first = Vault.user("adam", "admin");
        String second = Vault.user("ada", "admin");
        String rejected = Vault.as(first).contentType("application/json").body(Map.of("roles", List.of("admin")))
                .put("/api/admin/users/" + carol + "/roles").then().statusCode(202).extract().path("id");
        Vault.as(first).contentType("application/json").body(Map.of("reason", "mine")).post(
                "/api/admin/role-changes/" + rejected + "/reject").then().statusCode(403);
        Vault.as(second).contentType("application/json").body(Map.of("reason", "no second admin needed"))
                .post("/api/admin/role-changes/" + rejected + "/reject").then().statusCode(200)
                .body("decision", equalTo("REJECTED")).body("decidedBy", equalTo(second));
        String withdrawn = Vault.as(first).contentType("application/json").body(Map.of("roles", List.of("admin")))
                .put("/api/admin/users/" + carol + "/roles").then().statusCode(202).extract().path("id");
        Vault.as(second).contentType("application/json").body(Map.of()).post(
                "/api/admin/role-changes/" + withdrawn + "/withdraw").then().statusCode(403)
                .body("detail", containsString("Only " + first));
        Vault.as(first).contentType("application/json").body(Map.of()).post(
                "/api/admin/role-changes/" + withdrawn + "/withdraw").then().statusCode(200)
                .body("decision", equalTo("WITHDRAWN"));
        Vault.as(second).post("/api/admin/role-changes/" + withdrawn + "/approve").then().statusCode(404)
                .contentType("application/problem+json");
        Vault.as(carol).get("/api/admin/users").then().statusCode(403);
    }

    @Test
    void refusalsNameTheProblem() {
        String first = Vault.user("adam", "admin");
        Vault.as(first).contentType("application/json").body(Map.of("roles", List.of("analyst")))
                .put("/api/admin/users/" + first + "/roles").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("your own roles"));
        Vault.as(first).contentType("application/json").body(Map.of("roles", List.of("king")))
                .put("/api/admin/users/admin/roles").then().statusCode(400).contentType("application/problem+json");
        Vault.as(first).contentType("application/json").body(Map.of("roles", List.of("auditor")))
                .put("/api/admin/users/nobody-here/roles").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("nobody-here"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/admin/users/{username}/roles'.put.responses.keySet()",
                        hasItems("200", "202", "400", "404", "409"))
                .body("paths.'/api/admin/role-changes/{id}/approve'.post.responses.keySet()",
                        hasItems("200", "403", "404", "409"));
    }
}
