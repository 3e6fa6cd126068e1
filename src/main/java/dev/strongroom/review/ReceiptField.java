package dev.strongroom.review;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.metadata.Sidecar;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/** The receipt fields a person can correct, with the form a value must have. */
public enum ReceiptField {
    VENDOR("vendor"),
    DATE("date"),
    TOTAL("total"),
    CURRENCY("currency"),
    TAX("tax"),
    NUMBER("number"),
    PAYMENT_METHOD("paymentMethod");

    static final Set<String> PAYMENT_METHODS = Set.of("card", "cash", "bank-transfer", "paypal", "mobile", "other");

    private final String json;

    ReceiptField(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static ReceiptField of(String json) {
        for (ReceiptField f : values()) {
            if (f.json.equals(json)) {
                return f;
            }
        }
        throw ProblemException.badRequest(ProblemType.INVALID_FIELD, "'" + json + "' is not a receipt field; fields are "
                + "vendor, date, total, currency, tax, number and paymentMethod");
    }

    /** The value as stored, or a 400 naming the field and the form it needs. */
    public String normalise(String raw) {
        String v = raw == null ? "" : raw.strip();
        if (v.isEmpty()) {
            throw invalid("must not be empty");
        }
        switch (this) {
            case DATE -> {
                try {
                    return LocalDate.parse(v).toString();
                } catch (DateTimeParseException e) {
                    throw invalid("must be a date such as 2026-03-14");
                }
            }
            case TOTAL, TAX -> {
                try {
                    BigDecimal amount = new BigDecimal(v);
                    if (amount.signum() < 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 15) {
                        throw new NumberFormatException();
                    }
                    return amount.setScale(2).toPlainString();
                } catch (NumberFormatException e) {
                    throw invalid("must be an amount such as 1893.40 (zero or more, at most two decimals)");
                }
            }
            case CURRENCY -> {
                try {
                    return Currency.getInstance(v.toUpperCase(Locale.ROOT)).getCurrencyCode();
                } catch (IllegalArgumentException e) {
                    throw invalid("must be an ISO 4217 code such as EUR");
                }
            }
            case PAYMENT_METHOD -> {
                if (!PAYMENT_METHODS.contains(v)) {
                    throw invalid("must be one of card, cash, bank-transfer, paypal, mobile, other");
                }
                return v;
            }
            default -> {
                if (v.length() > 200 || v.codePoints().anyMatch(Character::isISOControl)) {
                    throw invalid("must be at most 200 characters, without control characters");
                }
                return v;
            }
        }
    }

    private ProblemException invalid(String why) {
        return ProblemException.badRequest(ProblemType.INVALID_FIELD, "Field '" + json + "' " + why);
    }

    /** What the extraction read for this field, or null. */
    public String extracted(Sidecar.Receipt r) {
        if (r == null) {
            return null;
        }
        return switch (this) {
            case VENDOR -> r.vendor() == null ? null : r.vendor().value();
            case DATE -> r.date() == null ? null : r.date().value();
            case TOTAL -> r.total() == null ? null : r.total().amount();
            case CURRENCY -> r.currency() != null ? r.currency().value() : r.total() == null ? null : r.total().currency();
            case TAX -> r.taxTotal();
            case NUMBER -> r.number() == null ? null : r.number().value();
            case PAYMENT_METHOD -> r.paymentMethod() == null ? null : r.paymentMethod().value();
        };
    }
}
