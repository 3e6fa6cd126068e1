package dev.strongroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
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
        Matcher boxes = ROLE_BOX.matcher(page);
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

    private static boolean active(String user) {
        return !Vault.as(Vault.ADMIN).get("/api/admin/users").then().statusCode(200).extract().jsonPath()
                .getBoolean("find { it.username == '" + user + "' }.disabled");
    }
}
