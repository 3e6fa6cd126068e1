package dev.strongroom.metadata.statement;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The declared schema of a CSV statement: its columns, which are required, and the header names each
 * is known by (case and surrounding spaces do not matter). Other columns are allowed and ignored, so a
 * bank's export with extra columns still reads. docs/statements.md is the reference.
 */
public enum StatementColumn {

    /** The account the statement is about: an IBAN, an account number or a masked card number; one per file. */
    ACCOUNT(true, "account", "account number", "iban", "card"),
    /** The booking date, ISO-8601 ({@code 2026-03-14}). */
    DATE(true, "date", "booking date", "transaction date"),
    /** Who was paid, as the bank prints it. */
    MERCHANT(true, "merchant", "description", "payee"),
    /** Signed decimal with a point, no thousands separators: {@code -42.50} is money out. */
    AMOUNT(true, "amount"),
    /** ISO 4217 code of the amount. */
    CURRENCY(true, "currency"),
    /** Running balance after the line; when the column is there, every line must follow from the one before. */
    BALANCE(false, "balance", "running balance"),
    /** The bank's reference for the line. */
    REFERENCE(false, "reference", "ref");

    private final boolean required;
    private final List<String> names;

    StatementColumn(boolean required, String... names) {
        this.required = required;
        this.names = List.of(names);
    }

    public boolean required() {
        return required;
    }

    /** The name the schema gives it and error messages use. */
    public String title() {
        return names.get(0);
    }

    static Optional<StatementColumn> byHeader(String header) {
        String name = header.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.names.contains(name)).findFirst();
    }
}
