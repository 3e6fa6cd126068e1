package dev.strongroom.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte-level hash rule: an event's hash is the SHA-256 of its journal line with the final
 * {@code ,"hash":"…"} member removed. Defining it on the stored bytes, not on a re-serialisation,
 * lets anyone check a line with sed and sha256sum (docs/audit-format.md).
 */
public final class EventLine {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String ACTION_MEMBER = "\"action\":\"";
    private static final Pattern HASH_SUFFIX = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");

    private EventLine() {
    }

    /** Serialises an unhashed event, computes its hash and returns the complete line (no newline). */
    static String seal(AuditEvent unhashed) {
        String body = write(unhashed.withHash(null));
        String hash = sha256(body);
        return body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}";
    }

    static String write(AuditEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit event cannot be serialised", e);
        }
    }

    public static AuditEvent parse(String line) throws JsonProcessingException {
        return JSON.readValue(line, AuditEvent.class);
    }

    /**
     * The event's action, read without parsing the line: for a reader that wants a few kinds of event among
     * the hundreds of thousands a journal holds (the change replay at start). The first {@code "action":"}
     * is the event's own member: {@link AuditEvent} writes it before the detail, and inside any string value a
     * quote is escaped. Null when the line has none, a damaged line that only a full parse can say more about.
     */
    public static String actionOf(String line) {
        int start = line.indexOf(ACTION_MEMBER);
        if (start < 0) {
            return null;
        }
        int from = start + ACTION_MEMBER.length();
        int end = line.indexOf('"', from);
        return end < 0 ? null : line.substring(from, end);
    }

    /** The hash the line claims, or null when the line does not end in a well-formed hash member. */
    public static String claimedHash(String line) {
        Matcher m = HASH_SUFFIX.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    /** The hash the line's content actually has, or null when it has no hash member to strip. */
    public static String computedHash(String line) {
        Matcher m = HASH_SUFFIX.matcher(line);
        if (!m.find()) {
            return null;
        }
        return sha256(line.substring(0, m.start()) + "}");
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
