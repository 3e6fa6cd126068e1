package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.audit.digest.DigestFixtures;
import dev.strongroom.catalog.H2PassOnly;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way of removing, adding, reordering or changing the events of an export of any filter, or its header, is
 * caught by docs/verify-audit-export.sh and by VerifyExport given the published key history.
 */
@H2PassOnly("the verifiers reading a changed file; the exports themselves are read from PostgreSQL in SignedExportTest")
@QuarkusTest
class ExportTamperingTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strongroom.audit.FilteredExport#kinds")
    void everyChangeToAnExportIsCaught(String kind) throws Exception {
        FilteredExport export = FilteredExport.of(kind, dir);
        List<String> keys = List.of("--keys", export.keys().toString());
        Map<String, UnaryOperator<List<String>>> tampers = new LinkedHashMap<>();
        tampers.put("first event removed", l -> without(l, 1));
        tampers.put("a middle event removed", l -> without(l, l.size() / 2));
        tampers.put("last event removed", l -> without(l, l.size() - 1));
        tampers.put("last event removed, count and last seq fixed", l -> {
            List<String> cut = without(l, l.size() - 1);
            long lastSeq = JournalSegments.seqOf(cut.get(cut.size() - 1));
            cut.set(0, cut.get(0).replaceFirst("\"eventCount\":\\d+", "\"eventCount\":" + (cut.size() - 1))
                    .replaceFirst("\"lastSeq\":\\d+", "\"lastSeq\":" + lastSeq));
            return cut;
        });
        tampers.put("an event added", l -> {
            List<String> more = new ArrayList<>(l);
            more.add(2, export.stranger());
            return more;
        });
        tampers.put("an event added at the end", l -> {
            List<String> more = new ArrayList<>(l);
            more.add(export.stranger());
            return more;
        });
        tampers.put("two events swapped", l -> {
            List<String> swapped = new ArrayList<>(l);
            swapped.set(1, l.get(2));
            swapped.set(2, l.get(1));
            return swapped;
        });
        tampers.put("an event changed and rehashed", l -> {
            List<String> changed = new ArrayList<>(l);
            changed.set(2, rehashed(l.get(2).replaceFirst("\"actor\":\"", "\"actor\":\"x")));
            return changed;
        });
        tampers.put("the header's count changed", l -> header(l, h -> h.replaceFirst("\"eventCount\":\\d+",
                "\"eventCount\":999")));
        tampers.put("the header's chain head changed", l -> header(l, h -> h.replaceFirst(
                "(\"chainHead\":\\{\"seq\":)(\\d+)", "$1" + "1")));
        tampers.put("the header's filter changed", l -> header(l, h -> h.replaceFirst("\"filter\":\\{[^}]*}",
                "\"filter\":{\"actor\":\"someone-else\"}")));
        tampers.put("the header's signature stripped", l -> header(l, h -> h.replaceFirst(
                ",\"keyId\":\"[0-9a-f]+\",\"signature\":\"[^\"]+\"", "")));

        List<String> missed = new ArrayList<>();
        for (Map.Entry<String, UnaryOperator<List<String>>> tamper : tampers.entrySet()) {
            Path changed = DigestFixtures.writeLines(dir.resolve("tampered.ndjson"),
                    tamper.getValue().apply(export.lines()));
            ExportVerifiers.Outcome script = ExportVerifiers.script(changed, keys);
            if (script.code() != 1) {
                missed.add("script passed " + tamper.getKey() + " (exit " + script.code() + "): " + script.output());
            }
            ExportVerifiers.Outcome java = ExportVerifiers.java(changed, keys);
            if (java.code() != 1) {
                missed.add("VerifyExport passed " + tamper.getKey() + " (exit " + java.code() + "): " + java.output());
            }
        }
        assertEquals(List.of(), missed, kind + ": every change is caught");
    }

    private static List<String> without(List<String> lines, int index) {
        List<String> less = new ArrayList<>(lines);
        less.remove(index);
        return less;
    }

    private static List<String> header(List<String> lines, UnaryOperator<String> change) {
        List<String> changed = new ArrayList<>(lines);
        String header = change.apply(lines.get(0));
        assertTrue(!header.equals(lines.get(0)), "the change applies to " + lines.get(0));
        changed.set(0, header);
        return changed;
    }

    /** The event line with its hash recomputed, as someone who changed it would. */
    private static String rehashed(String line) {
        String body = line.substring(0, line.lastIndexOf(",\"hash\":\""));
        return body + ",\"hash\":\"" + EventLine.sha256(body + "}") + "\"}";
    }

}
