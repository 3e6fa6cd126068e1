package dev.strongroom.statements;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** Amounts as people write them: the catalog keeps four decimals, a euro amount shows two. */
final class Amounts {

    private Amounts() {
    }

    /** The amount with its currency's minor digits, or as few as it needs where it has more. */
    static BigDecimal shown(BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        int digits;
        try {
            digits = Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException | NullPointerException e) {
            digits = -1;
        }
        BigDecimal lean = amount.stripTrailingZeros();
        if (digits < 0 || lean.scale() > digits) {
            return lean.scale() < 0 ? lean.setScale(0, RoundingMode.UNNECESSARY) : lean;
        }
        return amount.setScale(digits, RoundingMode.UNNECESSARY);
    }
}
