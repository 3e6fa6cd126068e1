package dev.strongroom.bench;

import dev.strongroom.metadata.extract.Extraction;
import dev.strongroom.metadata.extract.ExtractionLimits;
import dev.strongroom.metadata.extract.MetadataExtractor;
import dev.strongroom.support.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.sax.ToXMLContentHandler;

/**
 * Metadata: documents per second over a generated corpus of every accepted format.
 * <ul>
 * <li>{@code --mode=corpus}: writes {@code --count} documents to {@code --corpus} (cycling through the
 * formats of {@link Corpus}).</li>
 * <li>{@code --mode=extractor}: the vault's {@link MetadataExtractor} (with its limits, language
 * guess, receipt reading and previews) over every file, {@code --threads} at a time.</li>
 * <li>{@code --mode=tika-api}: the stand-in for tika-app's batch mode where the tika-app jar cannot
 * be had: the same Tika parsers, driven as tika-app's batch consumers drive them (AutoDetectParser,
 * XHTML output with metadata written to {@code --out-dir}), {@code --threads} at a time.</li>
 * </ul>
 */
public final class MetadataBench {

    private static final List<Sample> FORMATS = List.of(new Sample("report.pdf", Corpus::pdf),
            new Sample("receipt.pdf", Corpus::receiptPdf), new Sample("memo.docx", Corpus::docx),
            new Sample("expenses.xlsx", Corpus::xlsx), new Sample("minutes.odt", Corpus::odt),
            new Sample("taxi.jpg", Corpus::jpegWithExif), new Sample("scan.png", () -> Corpus.png(800, 600)),
            new Sample("ledger.csv", Corpus::csv), new Sample("invoice.eml", Corpus::eml),
            new Sample("notes.txt", Corpus::text));

    private record Sample(String name, Supplier<byte[]> bytes) {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path corpus = Path.of(args.get("corpus"));
        int threads = args.integer("threads", Runtime.getRuntime().availableProcessors());
        switch (args.get("mode")) {
            case "corpus" -> System.out.println("corpus: " + write(corpus, args.integer("count", 500)) + " documents in "
                    + corpus);
            case "extractor" -> {
                Rate rate = extractor(list(corpus), threads);
                System.out.printf("extractor: %d documents (%d ok) in %.2f s = %.1f docs/s, %d threads%n", rate.docs,
                        rate.ok, rate.seconds, rate.perSecond(), threads);
                args.report("extractor.docs_per_s_in_process", rate.perSecond());
                args.report("extractor.ok", rate.ok);
            }
            case "tika-api" -> {
                Rate rate = tikaApi(list(corpus), Path.of(args.get("out-dir")), threads);
                System.out.printf("tika API batch: %d documents (%d ok) in %.2f s = %.1f docs/s, %d threads%n",
                        rate.docs, rate.ok, rate.seconds, rate.perSecond(), threads);
                args.report("tika.docs_per_s_in_process", rate.perSecond());
                args.report("tika.ok", rate.ok);
            }
            default -> throw new IllegalArgumentException("--mode=corpus|extractor|tika-api");
        }
    }

    record Rate(int docs, int ok, double seconds) {
        double perSecond() {
            return docs / seconds;
        }
    }

    static int write(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        List<byte[]> bytes = FORMATS.stream().map(s -> s.bytes().get()).toList();
        for (int i = 0; i < count; i++) {
            Sample sample = FORMATS.get(i % FORMATS.size());
            Files.write(dir.resolve(String.format("%05d-%s", i, sample.name())), bytes.get(i % FORMATS.size()));
        }
        return count;
    }

    static List<Path> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static Rate extractor(List<Path> files, int threads) throws Exception {
        try (MetadataExtractor extractor = new MetadataExtractor(ExtractionLimits.defaults().withParallelism(threads))) {
            return parallel(files, threads, file -> {
                Extraction e = extractor.extract(file, null, file.getFileName().toString());
                // Photos come back ocr-pending: read, with OCR left to the heavy lane (not measured here).
                return e.sidecar().described();
            });
        }
    }

    static Rate tikaApi(List<Path> files, Path outDir, int threads) throws Exception {
        Files.createDirectories(outDir);
        AutoDetectParser parser = new AutoDetectParser();
        return parallel(files, threads, file -> {
            Metadata metadata = new Metadata();
            ToXMLContentHandler xhtml = new ToXMLContentHandler();
            // Without OCR, like the extractor: on a host with Tesseract Tika would otherwise OCR every image.
            ParseContext context = new ParseContext();
            TesseractOCRConfig noOcr = new TesseractOCRConfig();
            noOcr.setSkipOcr(true);
            context.set(TesseractOCRConfig.class, noOcr);
            try (InputStream in = Files.newInputStream(file)) {
                parser.parse(in, xhtml, metadata, context);
            }
            try (OutputStream out = Files.newOutputStream(outDir.resolve(file.getFileName() + ".xml"));
                    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                w.write(xhtml.toString());
                for (String name : metadata.names()) {
                    w.write("\n<!-- " + name + ": " + String.join(", ", metadata.getValues(name)) + " -->");
                }
            }
            return true;
        });
    }

    private interface Job {
        boolean run(Path file) throws Exception;
    }

    private static Rate parallel(List<Path> files, int threads, Job job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger ok = new AtomicInteger();
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> {
                    if (job.run(file)) {
                        ok.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Rate(files.size(), ok.get(), (System.nanoTime() - t0) / 1e9);
    }
}
