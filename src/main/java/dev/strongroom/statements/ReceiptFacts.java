package dev.strongroom.statements;

import dev.strongroom.catalog.FiledDocument;
import dev.strongroom.metadata.extract.Sidecar;
import dev.strongroom.metadata.extract.SidecarJson;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a receipt's metadata sidecar says it is (its {@code receipt} block: total and currency, date, vendor),
 * as the matcher reads it. A document without a receipt block, or whose total is unreadable, is no receipt.
 */
final class ReceiptFacts {

    private ReceiptFacts() {
    }

    static Optional<StatementMatcher.Receipt> of(FiledDocument document) {
        if (document.metadataJson() == null) {
            return Optional.empty();
        }
        Sidecar sidecar;
        try {
            sidecar = SidecarJson.read(document.metadataJson());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Sidecar.Receipt receipt = sidecar.receipt();
        if (receipt == null || receipt.total() == null || receipt.total().amount() == null) {
            return Optional.empty();
        }
        BigDecimal total;
        try {
            total = new BigDecimal(receipt.total().amount());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        LocalDate date = null;
        if (receipt.date() != null && receipt.date().value() != null) {
            try {
                date = LocalDate.parse(receipt.date().value());
            } catch (DateTimeParseException e) {
                date = null;
            }
        }
        String vendor = receipt.vendor() == null ? null : receipt.vendor().value();
        return Optional.of(new StatementMatcher.Receipt(document.id(), vendor, date, total, receipt.total().currency()));
    }
}
