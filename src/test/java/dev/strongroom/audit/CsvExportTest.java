package dev.strongroom.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * A spreadsheet evaluates a cell that starts with = + - @ (or a tab or carriage return), whatever
 * follows later in the cell. So what matters is which text can reach the start of a cell.
 */
@QuarkusTest
class CsvExportTest {

    private static final String FORMULA = "=HYPERLINK(\"x\")";

    @Test
    void aFormulaAsDocumentNameStaysInsideTheDetailCell() throws IOException {
        String analyst = Vault.user("analyst", "analyst");
        String auditor = Vault.user("auditor", "auditor");
        String id = Vault.upload(analyst, FORMULA, "a text file with a hostile name\n".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(201)
                .body("fileName", equalTo("=HYPERLINK(_x_)"))
                .body("originalFileName", equalTo(FORMULA))
                .extract().path("id");

        List<CSVRecord> rows = csvExport(auditor);

        CSVRecord upload = rows.stream().filter(r -> r.get("resource").equals("document/" + id)).findFirst().orElseThrow();
        String detail = upload.get("detail");
        assertTrue(detail.startsWith("{"), detail);
        assertTrue(detail.contains("\"fileName\":\"=HYPERLINK(_x_)\""), detail);
        assertTrue(detail.contains("\"originalFileName\":\"=HYPERLINK(\\\"x\\\")\""), detail);
        assertNoCellIsAFormula(rows);
    }

    @Test
    void aFormulaAsSignInNameIsDefusedWithAnApostrophe() throws IOException {
        String auditor = Vault.user("auditor", "auditor");
        given().auth().preemptive().basic(FORMULA, "not-a-password-of-anyone").get("/api/documents").then()
                .statusCode(401);

        List<CSVRecord> rows = csvExport(auditor);

        CSVRecord failure = rows.stream()
                .filter(r -> r.get("action").equals("login.failure") && r.get("resource").equals("user/" + FORMULA))
                .findFirst().orElseThrow();
        assertEquals("'" + FORMULA, failure.get("actor"));
        assertNoCellIsAFormula(rows);
    }

    @Test
    void signInNamesStartingWithEveryFormulaCharacterAreDefused() throws IOException {
        String auditor = Vault.user("auditor", "auditor");
        List<String> names = List.of("@SUM(1+1)*cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3", "=1+2");
        for (String name : names) {
            given().auth().preemptive().basic(name, "not-a-password-of-anyone").get("/api/documents").then()
                    .statusCode(401);
        }

        List<CSVRecord> rows = csvExport(auditor);

        for (String name : names) {
            // login.throttled instead of login.failure once the shared test vault's address used its free attempts
            CSVRecord failure = rows.stream()
                    .filter(r -> r.get("action").startsWith("login.") && r.get("resource").equals("user/" + name))
                    .findFirst().orElseThrow(() -> new AssertionError("no sign-in row for " + name));
            assertEquals("'" + name, failure.get("actor"));
        }
        assertNoCellIsAFormula(rows);
    }

    @Test
    void aClientRequestIdStartingWithAMinusIsDefusedWithAnApostrophe() throws IOException {
        String analyst = Vault.user("analyst", "analyst");
        String auditor = Vault.user("auditor", "auditor");
        String requestId = "-1-" + UUID.randomUUID();
        Vault.as(analyst).header("X-Request-Id", requestId).get("/api/documents").then().statusCode(200)
                .header("X-Request-Id", requestId);

        List<CSVRecord> rows = csvExport(auditor);

        assertTrue(rows.stream().anyMatch(r -> r.get("requestId").equals("'" + requestId)),
                "no row carries the defused request id '" + requestId);
        assertNoCellIsAFormula(rows);
    }

    @Test
    void aSpreadsheetSeesTheColumnNamesAndEventsOnlyWithTheExportHeaderInTheResponse() throws IOException {
        String auditor = Vault.user("auditor", "auditor");
        io.restassured.response.Response export = Vault.as(auditor).queryParam("format", "csv")
                .get("/api/audit/export").then().statusCode(200).extract().response();

        // Read as a spreadsheet reads it, with no comment marker: a header line then only events.
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(export.asString())).getRecords();
        assertTrue(rows.size() > 1);
        assertTrue(rows.stream().allMatch(r -> r.get("seq").matches("[0-9]+") && r.get("hash").matches("[0-9a-f]{64}")),
                "no row that is not an event");
        String header = export.getHeader("X-Audit-Export-Header");
        assertTrue(header != null && header.startsWith("{\"strongroomAuditExport\":1"), String.valueOf(header));
        assertTrue(header.contains("\"eventCount\":" + rows.size()), header);
        assertTrue(header.contains("\"chainHead\":{\"seq\":" + rows.get(rows.size() - 1).get("seq")), header);
    }

    private static List<CSVRecord> csvExport(String auditor) throws IOException {
        String csv = Vault.as(auditor).queryParam("format", "csv").get("/api/audit/export").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get();
        return format.parse(new StringReader(csv)).getRecords();
    }

    private static void assertNoCellIsAFormula(List<CSVRecord> rows) {
        assertTrue(rows.size() > 1);
        for (CSVRecord row : rows) {
            for (String cell : row) {
                assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0,
                        "row " + row.getRecordNumber() + " has a cell a spreadsheet would evaluate: " + cell);
            }
        }
    }
}
