package dev.strongroom.compliance;

import java.util.Arrays;
import java.util.Optional;

/** The files a report is written as. */
public enum ReportFormat {
    JSON("json", "application/json"),
    CSV("csv", "text/csv; charset=UTF-8"),
    HTML("html", "text/html; charset=UTF-8"),
    PDF("pdf", "application/pdf");

    public final String extension;
    public final String mediaType;

    ReportFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public static Optional<ReportFormat> of(String extension) {
        return Arrays.stream(values()).filter(f -> f.extension.equalsIgnoreCase(extension)).findFirst();
    }

    String sha256(ReportRecord r) {
        return switch (this) {
            case JSON -> r.jsonSha256;
            case CSV -> r.csvSha256;
            case HTML -> r.htmlSha256;
            case PDF -> r.pdfSha256;
        };
    }
}
