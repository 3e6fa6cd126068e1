package dev.strongroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The admin page over plain HTTP: no role is given by default, and the irreversible actions act only
 * when the confirmation they answer first is posted back (the built-in admin's with its name typed).
 */
@QuarkusTest
class AdminPagesTest {

    private static final Pattern ROLE_BOX = Pattern.compile("<input type=\"checkbox\" name=\"roles\" value=\"([a-z]+)\"([^>]*)>");

    @Test
    void theCreateUserFormTicksNoRole() {
        String second = Vault.user("ada", "admin");
        WebSessionTest.Session admin = WebSessionTest.signIn(second, Vault.PASSWORD);
        String page = admin.request().get("/admin").then().statusCode(200).extract().asString();
        String createForm = page.substring(page.indexOf("id=\"create-user\""));
        Matcher boxes = ROLE_BOX.matcher(createForm.substring(0, createForm.indexOf("</form>")));
        int seen = 0;
        while (boxes.find()) {
            seen++;
            assertFalse(boxes.group(2).contains("checked"), "role " + boxes.group(1) + " is ticked before anyone ticked it");
        }
        assertEquals(4, seen, "one box per role");
    }

    @Test
    void disablingActsOnlyOnceConfirmedAndTheBuiltInAdminOnlyWithItsNameTyped() {
        String second = Vault.user("ada", "admin");
        String target = Vault.user("tom", "analyst");
        WebSessionTest.Session admin = WebSessionTest.signIn(second, Vault.PASSWORD);

        Response asked = admin.request().formParam("csrf", admin.token()).post("/admin/users/" + target + "/disable");
        assertEquals(200, asked.statusCode());
        assertTrue(asked.asString().contains("id=\"confirm-form\""), asked::asString);
        assertTrue(active(target), "asking changes nothing");

        Response done = admin.request().formParam("csrf", admin.token()).formParam("confirm", "yes")
                .post("/admin/users/" + target + "/disable");
        assertEquals(303, done.statusCode(), done::asString);
        assertFalse(active(target));

        Response slip = admin.request().formParam("csrf", admin.token()).formParam("confirm", "yes")
                .formParam("typed", "").post("/admin/users/admin/disable");
        assertEquals(400, slip.statusCode(), slip::asString);
        assertTrue(slip.asString().contains("Not disabled"), slip::asString);
        assertTrue(active(Vault.ADMIN), "the built-in admin is not disabled by a confirm without its name");
    }

    @Test
    void rolesAreChangedOnThePageAndGrantingAdminWaitsForASecondAdminWhoApprovesOrRejects() {
        String ada = Vault.user("ada", "admin");
        String bea = Vault.user("bea", "admin");
        String tom = Vault.user("tom", "analyst");
        String una = Vault.user("una", "analyst");
        WebSessionTest.Session first = WebSessionTest.signIn(ada, Vault.PASSWORD);
        WebSessionTest.Session second = WebSessionTest.signIn(bea, Vault.PASSWORD);

        assertEquals(303, first.request().formParam("csrf", first.token()).formParam("roles", "analyst")
                .formParam("roles", "auditor").post("/admin/users/" + tom + "/roles").statusCode());
        assertEquals(List.of("analyst", "auditor"), rolesOf(tom), "a change that grants no admin applies at once");

        Response own = first.request().formParam("csrf", first.token()).formParam("roles", "analyst")
                .post("/admin/users/" + ada + "/roles");
        assertEquals(409, own.statusCode(), own::asString);
        assertTrue(own.asString().contains("cannot change your own roles"), own::asString);
        Response none = first.request().formParam("csrf", first.token()).post("/admin/users/" + tom + "/roles");
        assertEquals(400, none.statusCode(), none::asString);

        Response asked = first.request().formParam("csrf", first.token()).formParam("roles", "admin")
                .post("/admin/users/" + tom + "/roles");
        assertEquals(303, asked.statusCode(), asked::asString);
        assertTrue(asked.header("Location").contains("done=roles-requested"), asked.header("Location"));
        assertEquals(List.of("analyst", "auditor"), rolesOf(tom), "admin is not granted by one admin");
        String request = pendingFor(tom);
        assertTrue(first.request().get("/admin").asString().contains("/admin/roles/" + request + "/withdraw"),
                "the one who asked may withdraw");
        assertFalse(first.request().get("/admin").asString().contains("/admin/roles/" + request + "/approve"),
                "the one who asked may not approve");

        Response confirm = second.request().formParam("csrf", second.token()).post("/admin/roles/" + request + "/approve");
        assertEquals(200, confirm.statusCode(), confirm::asString);
        assertTrue(confirm.asString().contains("id=\"confirm-form\"") && confirm.asString().contains(tom),
                confirm::asString);
        assertEquals(List.of("analyst", "auditor"), rolesOf(tom), "asking for the confirmation changes nothing");
        assertEquals(303, second.request().formParam("csrf", second.token()).formParam("confirm", "yes")
                .post("/admin/roles/" + request + "/approve").statusCode());
        assertEquals(List.of("admin"), rolesOf(tom));

        first.request().formParam("csrf", first.token()).formParam("roles", "admin").post("/admin/users/" + una + "/roles")
                .then().statusCode(303);
        String rejected = pendingFor(una);
        Response noReason = second.request().formParam("csrf", second.token()).formParam("reason", "")
                .post("/admin/roles/" + rejected + "/reject");
        assertEquals(400, noReason.statusCode(), noReason::asString);
        assertTrue(noReason.asString().contains("Nothing was decided: the reason must be 3 to 2000 characters"),
                noReason::asString);
        assertEquals(303, second.request().formParam("csrf", second.token()).formParam("reason", "not needed for audits")
                .post("/admin/roles/" + rejected + "/reject").statusCode());
        assertEquals(List.of("analyst"), rolesOf(una));
        Vault.as(Vault.ADMIN).get("/api/admin/role-changes").then().statusCode(200)
                .body("findAll { it.username == '" + una + "' }.size()", org.hamcrest.Matchers.equalTo(0));
        Vault.as(Vault.user("audrey", "auditor")).queryParam("action", "user.roles.reject").get("/api/audit").then()
                .statusCode(200).body("items.actor", org.hamcrest.Matchers.hasItem(bea))
                .body("items.detail.reason", org.hamcrest.Matchers.hasItem("not needed for audits"));
    }

    @Test
    void aDisposalRequestIsRejectedByAnotherAdminOrWithdrawnByItsRequesterOnThePage() {
        String alice = Vault.user("alice", "analyst");
        String ada = Vault.user("ada", "admin");
        String bea = Vault.user("bea", "admin");
        WebSessionTest.Session first = WebSessionTest.signIn(ada, Vault.PASSWORD);
        WebSessionTest.Session second = WebSessionTest.signIn(bea, Vault.PASSWORD);
        String kept = expired(alice);
        String withdrawn = expired(alice);
        for (String id : List.of(kept, withdrawn)) {
            first.request().formParam("csrf", first.token()).formParam("documentId", id)
                    .formParam("reason", "retention ended").post("/admin/disposals").then().statusCode(303);
        }
        String rejectId = disposalFor(kept);
        String withdrawId = disposalFor(withdrawn);

        Response notMine = first.request().formParam("csrf", first.token()).formParam("reason", "my own")
                .post("/admin/disposals/" + rejectId + "/reject");
        assertEquals(403, notMine.statusCode(), notMine::asString);
        assertEquals(303, second.request().formParam("csrf", second.token()).formParam("reason", "still under review")
                .post("/admin/disposals/" + rejectId + "/reject").statusCode());
        Response notTheirs = second.request().formParam("csrf", second.token())
                .post("/admin/disposals/" + withdrawId + "/withdraw");
        assertEquals(403, notTheirs.statusCode(), notTheirs::asString);
        assertEquals(303, first.request().formParam("csrf", first.token()).post("/admin/disposals/" + withdrawId
                + "/withdraw").statusCode());

        String page = second.request().get("/admin").asString();
        for (String id : List.of(kept, withdrawn)) {
            assertFalse(page.contains("data-document=\"" + id + "\""), "no request is left waiting for " + id);
        }
        for (String id : List.of(kept, withdrawn)) {
            Vault.as(alice).get("/api/documents/" + id).then().statusCode(200);
        }
    }

    private static String expired(String owner) {
        return Vault.as(owner).multiPart("file", "old-ledger.txt", dev.strongroom.support.Samples.text(90))
                .multiPart("retentionClass", "expired").post("/api/documents").then().statusCode(201).extract()
                .path("id");
    }

    private static String disposalFor(String documentId) {
        return Vault.as(Vault.ADMIN).get("/api/disposals").then().statusCode(200).extract().jsonPath()
                .getString("find { it.documentId == '" + documentId + "' }.id");
    }

    private static String pendingFor(String user) {
        return Vault.as(Vault.ADMIN).get("/api/admin/role-changes").then().statusCode(200).extract().jsonPath()
                .getString("find { it.username == '" + user + "' }.id");
    }

    private static List<String> rolesOf(String user) {
        return Vault.as(Vault.ADMIN).get("/api/admin/users").then().statusCode(200).extract().jsonPath()
                .getList("find { it.username == '" + user + "' }.roles", String.class).stream().sorted().toList();
    }

    private static boolean active(String user) {
        return !Vault.as(Vault.ADMIN).get("/api/admin/users").then().statusCode(200).extract().jsonPath()
                .getBoolean("find { it.username == '" + user + "' }.disabled");
    }
}
