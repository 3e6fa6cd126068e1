package dev.strongroom.audit.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.JournalEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The rule for a journal line too large for one CloudWatch log event (docs/cloudwatch-audit.md):
 * it is sent as {@code n} consecutive part events with the same timestamp, each a JSON object
 * <pre>{"seq":…,"id":…,"time":…,"actor":…,"action":…,"outcome":…,"prevHash":…,"hash":…,"part":i,"parts":n,"data":"…"}</pre>
 * where {@code data} is base64 of the i-th slice of the line's UTF-8 bytes. Decoding the parts'
 * data in order and concatenating gives the journal line byte for byte, so its hash checks by the
 * journal's hash rule; the envelope keeps seq, the chain links, actor and action searchable.
 * Base64 rather than text slices: slicing bytes can never split a character or change escaping.
 */
public final class EventParts {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private EventParts() {
    }

    /**
     * The log events for one journal entry: the line itself when its message fits in
     * {@code maxMessageBytes}, otherwise parts that each fit.
     */
    static List<LogPart> of(JournalEntry entry, long stamp, int maxMessageBytes) {
        if (entry.bytes() <= maxMessageBytes) {
            return List.of(new LogPart(entry.seq(), 1, 1, stamp, entry.line(), entry.bytes(), entry.hash(),
                    entry.time()));
        }
        AuditEvent event = entry.event();
        byte[] raw = entry.line().getBytes(StandardCharsets.UTF_8);
        // The envelope with the largest numbers it can carry bounds every part's overhead.
        int overhead = utf8(envelope(event, raw.length, raw.length, "")).length;
        int slice = (maxMessageBytes - overhead) / 4 * 3;
        if (slice <= 0) {
            throw new IllegalStateException("strongroom.audit.cloudwatch.max-event-bytes is too small for the part "
                    + "envelope of event " + entry.seq() + " (" + overhead + " bytes)");
        }
        int count = (raw.length + slice - 1) / slice;
        List<LogPart> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] piece = Arrays.copyOfRange(raw, i * slice, Math.min(raw.length, (i + 1) * slice));
            byte[] message = utf8(envelope(event, i + 1, count, Base64.getEncoder().encodeToString(piece)));
            parts.add(new LogPart(entry.seq(), i + 1, count, stamp, new String(message, StandardCharsets.UTF_8),
                    message.length, entry.hash(), entry.time()));
        }
        return parts;
    }

    private static ObjectNode envelope(AuditEvent event, long part, long parts, String data) {
        ObjectNode node = JSON.createObjectNode();
        node.put("seq", event.seq());
        node.put("id", event.id());
        node.put("time", event.time());
        node.put("actor", event.actor());
        node.put("action", event.action());
        node.put("outcome", event.outcome());
        node.put("prevHash", event.prevHash());
        node.put("hash", event.hash());
        node.put("part", part);
        node.put("parts", parts);
        node.put("data", data);
        return node;
    }

    private static byte[] utf8(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A log event's message read back: a whole journal line, or one part of one. */
    public record Message(long seq, int part, int parts, String hash, String line, byte[] data) {

        boolean whole() {
            return parts == 1 && line != null;
        }
    }

    /** Reads a message from CloudWatch; null when it is neither a journal line nor a part. */
    public static Message read(String message) {
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (IOException e) {
            return null;
        }
        if (node == null || !node.path("seq").canConvertToLong()) {
            return null;
        }
        long seq = node.get("seq").asLong();
        if (node.has("parts")) {
            try {
                return new Message(seq, node.path("part").asInt(), node.path("parts").asInt(), node.path("hash").asText(),
                        null, Base64.getDecoder().decode(node.path("data").asText()));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return new Message(seq, 1, 1, node.path("hash").asText(null), message, null);
    }

    /** The journal line the parts 1..n make, in part order. */
    public static String join(List<Message> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.stream().sorted((a, b) -> Integer.compare(a.part(), b.part())).forEach(p -> out.writeBytes(p.data()));
        return out.toString(StandardCharsets.UTF_8);
    }
}
