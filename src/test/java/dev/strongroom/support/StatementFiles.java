package dev.strongroom.support;

import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Statements and text receipts with known contents, for tests and bench/statements. */
public final class StatementFiles {

    public static final String HEADER = "account,date,merchant,amount,currency,balance,reference";

    /** One line as the bank prints it; {@code amount} is signed (money out is negative). */
    public record Line(String date, String merchant, String amount, String currency) {
    }

    private StatementFiles() {
    }

    /** A CSV statement of these lines with a running balance from {@code opening}. */
    public static byte[] csv(String account, String opening, List<Line> lines) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        java.math.BigDecimal balance = new java.math.BigDecimal(opening);
        int n = 0;
        for (Line l : lines) {
            balance = balance.add(new java.math.BigDecimal(l.amount()));
            csv.append(account).append(',').append(l.date()).append(',').append(quoted(l.merchant())).append(',')
                    .append(l.amount()).append(',').append(l.currency()).append(',').append(balance.toPlainString())
                    .append(",REF").append(++n).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A till receipt as plain text, laid out as the receipt reader expects a receipt to be. */
    public static byte[] textReceipt(String vendor, String isoDate, String total, String currency) {
        return (vendor + "\n12 Harbour Street\nRECEIPT\nDate: " + isoDate + "\nGoods   " + total + "\nTOTAL " + currency + " "
                + total + "\nThank you for your visit\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Uploads a document of the retention class given, as the user; its id. */
    public static String upload(String user, String name, byte[] bytes, String retentionClass) {
        return Vault.as(user).multiPart("file", name, bytes).multiPart("retentionClass", retentionClass)
                .post("/api/documents").then().statusCode(201).extract().path("id");
    }

    /** Uploads a text receipt and waits until its metadata has been read (the matcher works from it); its id. */
    public static String receipt(String user, String vendor, String isoDate, String total) {
        return receipt(user, vendor, isoDate, total, "receipt");
    }

    /** A text receipt filed under {@code retentionClass}, once its fields are extracted. */
    public static String receipt(String user, String vendor, String isoDate, String total, String retentionClass) {
        String id = upload(user, vendor.replace(' ', '-') + "-" + total + ".txt", textReceipt(vendor, isoDate, total,
                "EUR"), retentionClass);
        await().atMost(Duration.ofSeconds(60)).until(() -> "EXTRACTED".equals(
                Vault.as(user).get("/api/documents/" + id).then().extract().path("metadataState")));
        return id;
    }

    /**
     * Waits until the statement worker has registered the upload as a statement (the API answers 404 until then)
     * and {@code field} of the statement is set, such as {@code report.csv} or {@code notifiedAt}; the statement.
     */
    public static JsonPath awaitStatement(String user, String id, String field, Duration atMost) {
        await("statement " + id + " has " + field).atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            Response r = Vault.as(user).get("/api/statements/" + id);
            return r.statusCode() == 200 && r.jsonPath().get(field) != null;
        });
        return Vault.as(user).get("/api/statements/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static String quoted(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
