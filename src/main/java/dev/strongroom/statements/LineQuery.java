package dev.strongroom.statements;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A search of statement lines; every part is optional. {@code from}/{@code to} bound the booking date,
 * {@code merchant} is a case-insensitive part of it, {@code minAmount}/{@code maxAmount} bound the amount as
 * the statement states it (money out is negative).
 */
public record LineQuery(String statementId, String account, LocalDate from, LocalDate to, String merchant,
        BigDecimal minAmount, BigDecimal maxAmount, MatchState state, int page, int size) {

    Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        put(d, "statement", statementId);
        put(d, "account", account);
        put(d, "from", from);
        put(d, "to", to);
        put(d, "merchant", merchant);
        put(d, "minAmount", minAmount == null ? null : minAmount.toPlainString());
        put(d, "maxAmount", maxAmount == null ? null : maxAmount.toPlainString());
        put(d, "state", state);
        d.put("page", Integer.toString(page));
        d.put("size", Integer.toString(size));
        return d;
    }

    private static void put(Map<String, String> d, String key, Object value) {
        if (value != null) {
            d.put(key, value.toString());
        }
    }
}
