package dev.strongroom.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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
}
