package dev.strongroom.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Filters on the receipt fields in effect (extracted, or corrected by a person) and on tags; null means
 * no filter. The vendor matches without case or accents ({@code cafe zurich} is {@code Café Zürich}).
 */
public record ReceiptFilter(String vendor, LocalDate dateFrom, LocalDate dateTo, BigDecimal totalMin,
        BigDecimal totalMax, String currency, String tag) {

    public static final ReceiptFilter NONE = new ReceiptFilter(null, null, null, null, null, null, null);

    public boolean any() {
        return vendor != null || dateFrom != null || dateTo != null || totalMin != null || totalMax != null
                || currency != null || tag != null;
    }
}
