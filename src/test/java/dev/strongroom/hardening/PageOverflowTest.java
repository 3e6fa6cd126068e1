package dev.strongroom.hardening;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A page number whose first row does not fit the catalog's row offset (page × size past
 * 2,147,483,647) is refused with a 400 naming 'page' by every listing, API and page alike, instead
 * of overflowing into an internal error.
 */
@QuarkusTest
class PageOverflowTest {

    /** Every paged listing of the API, with a role that may read it. */
    private record Listing(String path, String role, int defaultSize) {
    }

    private static final List<Listing> LISTINGS = List.of(new Listing("/api/documents", "auditor", 50),
            new Listing("/api/audit", "auditor", 100), new Listing("/api/compliance/reports", "auditor", 20),
            new Listing("/api/compliance/drills", "auditor", 20), new Listing("/api/backups/runs", "ops", 20));

    @Test
    void everyApiListingRefusesAPageBeyondReachWithAProblem() {
        for (Listing listing : LISTINGS) {
            String user = Vault.user("pager", listing.role());
            for (String page : List.of("1000000000", "2147483647", "99999999999")) {
                Vault.as(user).queryParam("page", page).get(listing.path()).then().statusCode(400)
                        .contentType("application/problem+json").body("detail", containsString("'page'"));
            }
            Vault.as(user).queryParam("page", "1000000000").queryParam("size", "1").get(listing.path()).then()
                    .statusCode(200);
            int lastReachable = Integer.MAX_VALUE / listing.defaultSize();
            Vault.as(user).queryParam("page", lastReachable).get(listing.path()).then().statusCode(200);
            Vault.as(user).queryParam("page", lastReachable + 1).get(listing.path()).then().statusCode(400)
                    .body("detail", containsString("the last page a listing can reach is " + lastReachable));
            Vault.as(user).queryParam("size", "99999999999").get(listing.path()).then().statusCode(400)
                    .body("detail", equalTo("Query parameter 'size' is out of range: 99999999999"));
        }
    }

    @Test
    void theDocumentAndAuditPagesSayThePageIsTooLarge() {
        String auditor = Vault.user("pager", "auditor");
        WebSession session = WebSession.signIn(auditor, Vault.PASSWORD);
        for (String path : List.of("/documents", "/audit")) {
            session.request().queryParam("page", "1000000000").get(path).then().statusCode(400)
                    .body(containsString("is too large"));
        }
    }
}
