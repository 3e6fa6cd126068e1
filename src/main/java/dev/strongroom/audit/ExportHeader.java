package dev.strongroom.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * What an export commits to, written at its start: the vault's chain head when the export began,
 * how many events follow, and, for a contiguous export, the anchor (the event just before the first
 * exported one) so the chain can be checked from the file alone.
 */
@JsonPropertyOrder({ "strongroomAuditExport", "exportedAt", "filter", "contiguous", "anchor", "eventCount",
        "chainHead" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportHeader(int strongroomAuditExport, String exportedAt, Map<String, String> filter, boolean contiguous,
        ChainHead anchor, long eventCount, ChainHead chainHead) {

    /** The response header that carries this header for every format (CSV has no place for it in its body). */
    public static final String HTTP_HEADER = "X-Audit-Export-Header";
    private static final ObjectMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    /** This header as one line of ASCII JSON, safe as an HTTP header value. */
    public String asHttpHeader() {
        try {
            return ASCII_JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("export header cannot be serialised", e);
        }
    }
}
