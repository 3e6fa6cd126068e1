package dev.strongroom.audit;

import dev.strongroom.http.Problems;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The audit export formats and their media types. */
public enum ExportFormat {
    CSV("text/csv; charset=UTF-8", "csv"),
    JSON("application/json", "json"),
    NDJSON("application/x-ndjson", "ndjson");

    public final String mediaType;
    public final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public static ExportFormat parse(String value) {
        return Arrays.stream(values()).filter(f -> f.extension.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Query parameter 'format' must be one of "
                        + Arrays.stream(values()).map(f -> f.extension).collect(Collectors.joining(", ")) + ", not '"
                        + Problems.clip(value) + "'"));
    }
}
