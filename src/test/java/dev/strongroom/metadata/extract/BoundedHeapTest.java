package dev.strongroom.metadata.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Corpus;
import dev.strongroom.support.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile corpus in a JVM with a 192 MB heap (the language model alone takes about 85 MB of it):
 * a DOCX that inflates to 256 MB, a billion-laughs XML, a truncated PDF, a PDF of 10,000 pages and a
 * file above the byte limit are all refused, a real receipt next to them is still read, and the JVM
 * exits normally. Run out of process because heap
 * exhaustion is exactly what is being ruled out, and it must not take the test JVM with it.
 */
class BoundedHeapTest {

    static final String HEAP = "-Xmx192m";
    /**
     * On JDK 17 a large allocation that meets a thread inside a JNI critical section (the inflater of
     * the zip bomb) gives up after two GC-locker retries and reports a heap that is not full; JDK 22+
     * pins regions instead and no longer knows the option.
     */
    static final List<String> GC_LOCKER_PATIENCE = List.of("-XX:+UnlockDiagnosticVMOptions",
            "-XX:+IgnoreUnrecognizedVMOptions", "-XX:GCLockerRetryAllocationCount=100");
    static final long MAX_BYTES = 8L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void hostileDocumentsAreRefusedInASmallHeapAndTheJvmSurvives() throws Exception {
        write("bomb.docx", Corpus.zipBombDocx(256));
        write("laughs.xml", Corpus.billionLaughs());
        write("cut.pdf", Corpus.truncatedPdf());
        write("long.pdf", Corpus.manyPagePdf(10_000));
        write("huge.txt", Samples.text((int) MAX_BYTES + 1));
        write("receipt.pdf", Corpus.receiptPdf());

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = dir.resolveSibling(dir.getFileName() + ".out");
        List<String> command = new ArrayList<>(List.of(java.toString(), HEAP, "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(GC_LOCKER_PATIENCE);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HostileCorpusRun.class.getName(),
                dir.toString(), Long.toString(MAX_BYTES)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        boolean finished = child.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(finished, "the extraction JVM did not finish:\n" + out);
        assertEquals(0, child.exitValue(), "the extraction JVM died:\n" + out);

        Map<String, Sidecar> sidecars = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] parts = line.split("\t", 2);
            if (parts.length == 2 && parts[1].startsWith("{")) {
                sidecars.put(parts[0], SidecarJson.read(parts[1]));
            }
        }
        assertEquals(Reason.ZIP_BOMB, reasonOf(sidecars, "bomb.docx"), out);
        assertEquals(Reason.XML_BOMB, reasonOf(sidecars, "laughs.xml"), out);
        assertEquals(Reason.TRUNCATED, reasonOf(sidecars, "cut.pdf"), out);
        assertEquals(Reason.TOO_MANY_PAGES, reasonOf(sidecars, "long.pdf"), out);
        assertEquals(Reason.TOO_LARGE, reasonOf(sidecars, "huge.txt"), out);
        Sidecar receipt = sidecars.get("receipt.pdf");
        assertEquals(Status.OK, receipt.status(), out);
        assertEquals("15.12", receipt.receipt().total().amount());
        for (String name : List.of("bomb.docx", "laughs.xml", "cut.pdf", "long.pdf", "huge.txt")) {
            assertTrue(sidecars.get(name).extraction().millis() < 60_000, name + " hit the time limit: " + out);
        }
        assertTrue(out.contains("max-heap\t"), out);
    }

    private static Reason reasonOf(Map<String, Sidecar> sidecars, String name) {
        Sidecar s = sidecars.get(name);
        assertEquals(Status.UNPARSEABLE, s.status(), name + ": " + SidecarJson.write(s));
        return s.reason();
    }

    private void write(String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }
}
