package dev.strongroom.audit.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.EventLine;
import dev.strongroom.signing.KeyHistory;
import dev.strongroom.audit.SealedGap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an NDJSON audit export (from the vault or from CloudWatch) against signed digests, offline,
 * and says precisely what is wrong: which events are missing, changed, out of order or extra, not
 * merely that the chain breaks somewhere. Per event it checks the hash rule; across events the
 * sequence numbers (missing ones, repeats, order) and the hash links in sequence order; against the
 * digests the signatures, the digest chain, the hashes the digests signed at their cut points
 * (which catches changes whose hashes were recomputed) and each wholly exported segment's SHA-256.
 */
public final class DigestedExportCheck {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern SEQ = Pattern.compile("^\\{\"seq\":(\\d+),");

    private DigestedExportCheck() {
    }

    /** @param notes facts that are no fault, such as events newer than the newest digest */
    public record Result(boolean ok, long eventCount, int trustedDigests, List<ExportFinding> findings,
            List<String> notes) {
    }

    private record Item(int line, long seq, String claimed, boolean selfConsistent, String prevHash) {
    }

    /**
     * The command-line form: prints every finding and a summary; returns 0 intact, 1 broken, 2 unusable input.
     *
     * @param keys the key history ({@code strongroom-keys.json}) or a single public key in PEM
     */
    public static int run(Path export, Path digestsDir, Path keys, PrintStream out) throws IOException {
        KeyHistory history;
        try {
            history = KeyHistory.read(keys);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        if (!Files.isDirectory(digestsDir)) {
            out.println("the digests folder " + digestsDir + " does not exist");
            return 2;
        }
        Result result;
        try {
            result = check(export, SignedDigest.load(digestsDir, history), history);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        result.findings().forEach(f -> out.printf("%-11s %s%n", f.kind(), f.seq() >= 0 ? "seq " + f.seq() + ": "
                + f.message() : f.message()));
        result.notes().forEach(n -> out.println("NOTE        " + n));
        out.printf("%s: %d events, checked against %d signed digest(s)%n", result.ok() ? "OK" : "BROKEN",
                result.eventCount(), result.trustedDigests());
        return result.ok() ? 0 : 1;
    }

    public static Result check(Path export, List<SignedDigest> digests) throws IOException {
        return check(export, digests, (KeyHistory) null);
    }

    public static Result check(Path export, List<SignedDigest> digests, PublicKey key) throws IOException {
        return check(export, digests, key == null ? null : KeyHistory.ofSingleKey(key));
    }

    /**
     * @param keys the vault's key history, to check the signature of every gap event (any key the vault
     *        published may have sealed it); null to leave gap signatures unchecked (their range is still reported)
     */
    public static Result check(Path export, List<SignedDigest> digests, KeyHistory keys) throws IOException {
        List<ExportFinding> findings = new ArrayList<>();
        List<SealedGap> gaps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        JsonNode header;
        List<Item> items = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            header = first == null ? null : JSON.readTree(first);
            if (header == null || !header.has("strongroomAuditExport")) {
                throw new IllegalArgumentException("not a Strongroom NDJSON audit export: the first line is not its "
                        + "header");
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isEmpty()) {
                    items.add(item(number, line, findings));
                    sealed(line, keys, gaps, findings);
                }
            }
        }
        List<Item> events = items.stream().filter(i -> i.seq() >= 0).toList();
        long eventLines = items.size();
        if (header.path("eventCount").asLong(-1) != eventLines) {
            findings.add(new ExportFinding("COUNT", -1, "the header promises " + header.path("eventCount").asLong(-1)
                    + " events, the file has " + eventLines));
        }
        Map<Long, Item> bySeq = uniqueBySeq(events, findings);
        JsonNode anchor = header.path("contiguous").asBoolean(false) ? header.path("anchor") : null;
        JsonNode head = header.path("chainHead");
        long minSeq = bySeq.keySet().stream().min(Long::compare).orElse(0L);
        long maxSeq = bySeq.keySet().stream().max(Long::compare).orElse(0L);
        long start = anchor != null && anchor.has("seq") ? anchor.get("seq").asLong() + 1 : minSeq;
        boolean reachesHead = anchor != null && !header.path("filter").has("to") && head.has("seq");
        long end = reachesHead ? Math.max(maxSeq, head.get("seq").asLong()) : maxSeq;
        for (Item item : bySeq.values()) {
            if (item.seq() < start) {
                findings.add(new ExportFinding("EXTRA", item.seq(), "event " + item.seq() + " (line " + item.line()
                        + ") lies before the export's anchor, event " + (start - 1)));
            } else if (head.has("seq") && item.seq() > head.get("seq").asLong()) {
                findings.add(new ExportFinding("EXTRA", item.seq(), "event " + item.seq() + " (line " + item.line()
                        + ") is newer than the chain head the export claims (" + head.get("seq").asLong() + ")"));
            }
        }
        gaps.forEach(g -> notes.add(g.describe() + ": " + g.reason()));
        // Only a contiguous export holds every event of its range, and only it can rebuild a signed segment;
        // a filtered one (a document, an actor) is shown complete by its signed manifest instead (ExportCheck).
        boolean contiguous = anchor != null;
        if (contiguous) {
            missing(bySeq, start, end, gaps, findings);
        }
        reordered(bySeq, events, findings);
        links(bySeq, anchor != null && anchor.has("hash") ? anchor : null, start, findings);
        if (reachesHead && bySeq.containsKey(head.get("seq").asLong())
                && !head.path("hash").asText().equals(bySeq.get(head.get("seq").asLong()).claimed())) {
            findings.add(new ExportFinding("CHANGED", head.get("seq").asLong(), "the last event's hash is not the chain "
                    + "head the header claims"));
        }
        List<SignedDigest> trusted = trustedChain(digests, findings, notes);
        againstDigests(export, trusted, bySeq, start, maxSeq, gaps, contiguous, findings, notes);
        findings.sort(Comparator.comparingLong((ExportFinding f) -> f.seq() < 0 ? Long.MAX_VALUE : f.seq()));
        return new Result(findings.isEmpty(), eventLines, trusted.size(), List.copyOf(findings), List.copyOf(notes));
    }

    private static Item item(int number, String line, List<ExportFinding> findings) {
        AuditEvent event;
        try {
            event = EventLine.parse(line);
        } catch (IOException e) {
            findings.add(new ExportFinding("UNREADABLE", -1, "line " + number + " is not an event"));
            return new Item(number, -1, null, false, null);
        }
        String claimed = EventLine.claimedHash(line);
        boolean consistent = claimed != null && claimed.equals(EventLine.computedHash(line));
        if (!consistent) {
            findings.add(new ExportFinding("CHANGED", event.seq(), "event " + event.seq() + " (line " + number
                    + ") does not match its hash: its content was changed"));
        }
        return new Item(number, event.seq(), claimed, consistent, event.prevHash());
    }

    /** The first occurrence of each sequence number; every further one is an extra event. */
    private static Map<Long, Item> uniqueBySeq(List<Item> events, List<ExportFinding> findings) {
        Map<Long, Item> bySeq = new LinkedHashMap<>();
        for (Item item : events) {
            Item first = bySeq.putIfAbsent(item.seq(), item);
            if (first != null) {
                boolean same = first.claimed() != null && first.claimed().equals(item.claimed())
                        && first.selfConsistent() && item.selfConsistent();
                findings.add(new ExportFinding("EXTRA", item.seq(), "event " + item.seq() + " appears again at line "
                        + item.line() + " (first at line " + first.line() + ")"
                        + (same ? ", an exact copy" : ", with different content")));
            }
        }
        return bySeq;
    }

    /** A gap event: its range is sealed, not missing; with the key, its signature must verify. */
    private static void sealed(String line, KeyHistory keys, List<SealedGap> gaps, List<ExportFinding> findings) {
        AuditEvent event;
        try {
            event = EventLine.parse(line);
        } catch (IOException e) {
            return;
        }
        SealedGap gap = SealedGap.of(event);
        if (gap == null) {
            return;
        }
        gaps.add(gap);
        if (keys != null && keys.keys().stream().noneMatch(k -> SealedGap.signatureValid(event, k.publicKey()))) {
            findings.add(new ExportFinding("GAP", gap.gapSeq(), "gap event " + gap.gapSeq() + " does not carry the "
                    + "vault's signature over the events it seals (" + gap.fromSeq() + " to " + gap.toSeq() + ")"));
        }
    }

    private static boolean sealed(long seq, List<SealedGap> gaps) {
        return gaps.stream().anyMatch(g -> seq >= g.fromSeq() && seq <= g.toSeq());
    }

    private static void missing(Map<Long, Item> bySeq, long start, long end, List<SealedGap> gaps,
            List<ExportFinding> findings) {
        long from = -1;
        for (long seq = start; seq <= end + 1; seq++) {
            boolean absent = seq <= end && !bySeq.containsKey(seq) && !sealed(seq, gaps);
            if (absent && from < 0) {
                from = seq;
            } else if (!absent && from >= 0) {
                long to = seq - 1;
                findings.add(new ExportFinding("MISSING", from, from == to ? "event " + from + " is missing"
                        : "events " + from + " to " + to + " are missing (" + (to - from + 1) + " events)"));
                from = -1;
            }
        }
    }

    /**
     * The events that are out of place: all but a longest run in increasing sequence order, so a swap
     * of two events names those two (or the one that moved), not everything after them.
     */
    private static void reordered(Map<Long, Item> bySeq, List<Item> events, List<ExportFinding> findings) {
        List<Item> unique = events.stream().filter(i -> bySeq.get(i.seq()) == i).toList();
        int n = unique.size();
        int[] tails = new int[n];
        int[] previous = new int[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            long seq = unique.get(i).seq();
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (unique.get(tails[mid]).seq() < seq) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = i;
            if (lo == length) {
                length++;
            }
        }
        boolean[] inOrder = new boolean[n];
        for (int i = length > 0 ? tails[length - 1] : -1; i >= 0; i = previous[i]) {
            inOrder[i] = true;
        }
        for (int i = 0; i < n; i++) {
            if (!inOrder[i]) {
                Item item = unique.get(i);
                Item before = bySeq.get(item.seq() - 1);
                Item after = bySeq.get(item.seq() + 1);
                String where = before != null ? "it belongs right after event " + before.seq() + " (line " + before.line()
                        + ")" : after != null ? "it belongs right before event " + after.seq() + " (line " + after.line()
                                + ")" : "it is out of sequence order";
                findings.add(new ExportFinding("REORDERED", item.seq(), "event " + item.seq() + " (line " + item.line()
                        + ") is out of order: " + where));
            }
        }
    }

    /** Each event must name the hash of the event before it, checked in sequence order (so a move is not a break). */
    private static void links(Map<Long, Item> bySeq, JsonNode anchor, long start, List<ExportFinding> findings) {
        for (Item item : bySeq.values()) {
            String expected = null;
            if (item.seq() == start && anchor != null) {
                expected = anchor.get("hash").asText();
            } else if (bySeq.containsKey(item.seq() - 1)) {
                expected = bySeq.get(item.seq() - 1).claimed();
            }
            if (expected != null && !expected.equals(item.prevHash())) {
                findings.add(new ExportFinding("BROKEN-LINK", item.seq(), "event " + item.seq() + " does not chain to "
                        + (item.seq() == start && anchor != null ? "the export's anchor" : "event " + (item.seq() - 1))
                        + ": one of them was changed and its hash recomputed"));
            }
        }
    }

    /** The digests whose signatures verify, in chain order; breaks in the chain are findings. */
    private static List<SignedDigest> trustedChain(List<SignedDigest> digests, List<ExportFinding> findings,
            List<String> notes) {
        List<SignedDigest> trusted = new ArrayList<>();
        for (SignedDigest d : digests) {
            if (d.trusted()) {
                trusted.add(d);
            } else {
                findings.add(new ExportFinding("DIGEST", -1, "digest " + d.name() + " cannot be trusted: " + d.problem()));
            }
        }
        trusted.sort(Comparator.comparingLong((SignedDigest d) -> d.digest().lastSeq())
                .thenComparing(d -> d.digest().digestEndTime()));
        for (int i = 0; i < trusted.size(); i++) {
            AuditDigest d = trusted.get(i).digest();
            if (i == 0) {
                if (d.previousDigest() != null) {
                    notes.add("the oldest digest given, " + trusted.get(i).name() + ", follows one that was not given; "
                            + "events before " + d.firstSeq() + " are not covered");
                } else if (d.firstSeq() != 1) {
                    findings.add(new ExportFinding("DIGEST-GAP", -1, "digest " + trusted.get(i).name() + " names no "
                            + "previous digest but starts at event " + d.firstSeq()));
                }
                continue;
            }
            SignedDigest prev = trusted.get(i - 1);
            AuditDigest.Previous link = d.previousDigest();
            if (link == null || !prev.signature().equals(link.signature()) || !prev.sha256().equals(link.sha256())
                    || d.firstSeq() != prev.digest().lastSeq() + 1) {
                findings.add(new ExportFinding("DIGEST-GAP", -1, "digest " + trusted.get(i).name() + " does not follow "
                        + prev.name() + ": a digest between them is missing or was replaced"));
            }
        }
        return trusted;
    }

    private static void againstDigests(Path export, List<SignedDigest> trusted, Map<Long, Item> bySeq, long start,
            long maxSeq, List<SealedGap> gaps, boolean contiguous, List<ExportFinding> findings, List<String> notes)
            throws IOException {
        if (trusted.isEmpty()) {
            notes.add("no trusted digest: events are checked by their hashes and links only");
            return;
        }
        // The hashes the digests signed at their cut points, first segment lines and segment ends.
        TreeMap<Long, String[]> signed = new TreeMap<>();
        for (SignedDigest d : trusted) {
            if (d.digest().lastSeq() > 0) {
                signed.put(d.digest().lastSeq(), new String[] { d.digest().chainHead().hash(), d.name() });
            }
            for (AuditDigest.Segment s : d.digest().segments()) {
                signed.putIfAbsent(s.firstSeq(), new String[] { s.firstHash(), d.name() });
                signed.putIfAbsent(s.lastSeq(), new String[] { s.lastHash(), d.name() });
            }
        }
        long lastGood = start - 1;
        boolean inBadRun = false;
        for (Map.Entry<Long, String[]> point : signed.entrySet()) {
            Item item = bySeq.get(point.getKey());
            if (item == null || point.getKey() < start) {
                continue;
            }
            if (point.getValue()[0].equals(item.claimed())) {
                lastGood = point.getKey();
                inBadRun = false;
            } else if (!inBadRun) {
                inBadRun = true;
                findings.add(new ExportFinding("CHANGED", point.getKey(), "event " + point.getKey() + "'s hash is not the "
                        + "one signed in digest " + point.getValue()[1] + ": an event from " + (lastGood + 1) + " to "
                        + point.getKey() + " was changed and the hashes after it recomputed"));
            }
        }
        if (contiguous) {
            segmentHashes(export, trusted, start, maxSeq, gaps, findings);
        }
        AuditDigest newestDigest = trusted.get(trusted.size() - 1).digest();
        // Digests removed from the end leave no gap in the chain; their absence shows against the hourly cadence.
        notes.add("the newest trusted digest, " + trusted.get(trusted.size() - 1).name() + ", ends at "
                + newestDigest.digestEndTime() + " with event " + newestDigest.lastSeq()
                + "; rolling digests are written every five minutes when there are events, so a newer one should "
                + "exist unless the vault stopped or its digests were refused");
        long newest = newestDigest.lastSeq();
        long beyond = bySeq.keySet().stream().filter(s -> s > newest).count();
        if (beyond > 0) {
            notes.add(beyond + " event(s) after " + newest + " are newer than the newest digest given ("
                    + trusted.get(trusted.size() - 1).name() + "): checked by their hashes and links only");
        }
    }

    /** A segment as one digest signed it. */
    private record SignedSegment(AuditDigest.Segment segment, String digest) {
    }

    /** Recomputes the SHA-256 of each segment the export holds whole and without other findings. */
    private static void segmentHashes(Path export, List<SignedDigest> trusted, long start, long maxSeq,
            List<SealedGap> gaps, List<ExportFinding> findings) throws IOException {
        List<SignedSegment> whole = new ArrayList<>();
        for (SignedDigest d : trusted) {
            for (AuditDigest.Segment s : d.digest().segments()) {
                boolean inside = s.firstSeq() >= start && s.lastSeq() <= maxSeq;
                boolean clean = findings.stream().noneMatch(f -> f.seq() >= s.firstSeq() && f.seq() <= s.lastSeq())
                        && gaps.stream().noneMatch(g -> g.fromSeq() <= s.lastSeq() && g.toSeq() >= s.firstSeq());
                if (inside && clean) {
                    whole.add(new SignedSegment(s, d.name()));
                }
            }
        }
        if (whole.isEmpty()) {
            return;
        }
        List<MessageDigest> running = whole.stream().map(s -> SegmentDigests.sha256()).toList();
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher m = SEQ.matcher(line);
                if (!m.find()) {
                    continue;
                }
                long seq = Long.parseLong(m.group(1));
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < whole.size(); i++) {
                    if (seq >= whole.get(i).segment().firstSeq() && seq <= whole.get(i).segment().lastSeq()) {
                        running.get(i).update(bytes);
                    }
                }
            }
        }
        for (int i = 0; i < whole.size(); i++) {
            AuditDigest.Segment s = whole.get(i).segment();
            if (!HexFormat.of().formatHex(running.get(i).digest()).equals(s.sha256())) {
                findings.add(new ExportFinding("SEGMENT", -1, "segment " + s.name() + " (events " + s.firstSeq() + " to "
                        + s.lastSeq() + ") does not match its SHA-256 in digest " + whole.get(i).digest()));
            }
        }
    }
}
