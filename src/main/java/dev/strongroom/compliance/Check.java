package dev.strongroom.compliance;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One check of a report.
 *
 * @param summary one sentence a person reads: what was found, or why it failed
 * @param evidence the facts behind the verdict: numbers, ids, times (values are strings, numbers,
 *        booleans or lists of them)
 */
@JsonPropertyOrder({ "name", "status", "summary", "evidence" })
public record Check(String name, CheckStatus status, String summary, Map<String, Object> evidence) {

    public static Check fail(String name, String summary, Map<String, Object> evidence) {
        return new Check(name, CheckStatus.FAIL, summary, evidence);
    }

    public static Check notConfigured(String name, String summary) {
        return new Check(name, CheckStatus.NOT_CONFIGURED, summary, Map.of());
    }

    public static Check of(String name, boolean ok, String summary, Map<String, Object> evidence) {
        return new Check(name, ok ? CheckStatus.PASS : CheckStatus.FAIL, summary, evidence);
    }
}
