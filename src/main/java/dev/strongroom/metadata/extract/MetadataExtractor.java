package dev.strongroom.metadata.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.TeeContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;

/**
 * Extracts a document's metadata with Apache Tika inside hard limits ({@link ExtractionLimits}) and
 * returns a {@link Sidecar} and, for PDFs and images, a preview. It never throws for anything a
 * document can do: a document that cannot be parsed gets an {@code unparseable} sidecar saying why.
 * It throws only when the file cannot be read at all (an I/O problem of the caller's storage).
 * <p>
 * Plain Java on purpose: no Quarkus, no CDI, so the Lambda handler runs the same code. Thread-safe;
 * each call blocks its caller until the sidecar is ready or the time limit is up, while the parse
 * itself runs on one of this extractor's own {@code parallelism} threads. At the deadline the caller
 * gets a {@code timeout} sidecar at once; the parse is told to stop (its content handler throws, its
 * thread is interrupted). A parser stuck where it neither reads, writes nor checks interrupts keeps
 * its thread; because the pool is bounded, such threads can never pile up: when all are taken, new
 * documents are answered {@code deferred}/{@code busy} instead.
 * <p>
 * Zip bombs meet {@link ZipBombCheck} (measured inflation, before parsing, and again for every
 * embedded document) and then Tika's SecureContentHandler (output/input ratio, XML depth, package
 * nesting; configured through {@link AutoDetectParserConfig}). XML bombs meet Tika's default secure
 * XML parsing (the JDK's limit of 20 entity expansions). DOCX and PPTX are read through Tika's SAX
 * extractors rather than a DOM, so the text limit applies as the text arrives.
 */
public final class MetadataExtractor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MetadataExtractor.class.getName());
    public static final String NAME = "strongroom-metadata";
    private static final String TIKA_VERSION = Optional
            .ofNullable(TikaConfig.class.getPackage().getImplementationVersion()).orElse("unknown");
    private static final int MAX_FIELD_CHARS = 1_000;
    private static final long SLOT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final String[] AUTHOR_KEYS = { TikaCoreProperties.CREATOR.getName(), "meta:author", "Author",
            "Exif IFD0:Artist" };
    /** A photo's title: EXIF's image description, or the title Windows writes (XPTitle). */
    private static final String[] IMAGE_TITLE_KEYS = { TikaCoreProperties.TITLE.getName(), "Windows XP Title",
            "Exif IFD0:Windows XP Title", TikaCoreProperties.DESCRIPTION.getName(), "Exif IFD0:Image Description",
            "Image Description" };
    private static final String[] CREATOR_TOOL_KEYS = { TikaCoreProperties.CREATOR_TOOL.getName(),
            "extended-properties:Application", "generator", "pdf:producer", "tiff:Software", "Exif IFD0:Software" };

    private final ExtractionLimits limits;
    private final AutoDetectParser parser;
    private final DetectOnce detectOnce;
    private final ThreadPoolExecutor threads;
    private final Semaphore slots;
    private final PreviewRenderer previews;
    private final ZipBombCheck zipBombs;
    private final ReceiptReader receipts = new ReceiptReader();
    private final LanguageGuesser language = new LanguageGuesser();
    private final Clock clock;
    private final OcrSettings ocrSettings;
    private final Tesseract tesseract;
    private final OcrRunner ocr;
    private final java.util.Map<String, OcrRunner> languageRunners = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * The language detector's codes and the Tesseract model whose letters they need: on a few lines of OCR
     * text the detector often names Portuguese's neighbours (Galician, Spanish), whose accents the
     * Portuguese model reads.
     */
    private static final java.util.Map<String, String> TESSERACT_MODELS = java.util.Map.of("en", "eng", "pt", "por",
            "gl", "por", "es", "por", "de", "deu");
    /** A reading in the document's own language is kept unless Tesseract is this much less sure of it. */
    private static final double LANGUAGE_RETRY_SLACK = 3;

    /** An extractor without OCR: documents whose text is only in pixels come back deferred, {@code ocr-pending}. */
    public MetadataExtractor(ExtractionLimits limits) {
        this(limits, null, null, Clock.systemUTC());
    }

    /** An extractor that reads images and PDFs without a text layer with Tesseract (the heavy lane). */
    public MetadataExtractor(ExtractionLimits limits, OcrSettings ocr, Tesseract tesseract) {
        this(limits, ocr, tesseract, Clock.systemUTC());
    }

    MetadataExtractor(ExtractionLimits limits, Clock clock) {
        this(limits, null, null, clock);
    }

    private MetadataExtractor(ExtractionLimits limits, OcrSettings ocr, Tesseract tesseract, Clock clock) {
        if (limits.detectLanguage()) {
            LanguageGuesser.preload();
        }
        this.limits = limits;
        this.clock = clock;
        this.ocrSettings = ocr;
        this.tesseract = tesseract;
        this.parser = secured(new AutoDetectParser(TikaConfig.getDefaultConfig()), limits);
        this.detectOnce = new DetectOnce(parser.getDetector());
        parser.setDetector(detectOnce);
        this.ocr = tesseract == null ? null : new OcrRunner(tesseract, ocr);
        this.zipBombs = new ZipBombCheck(limits.zipMinInflateRatio(), limits.maxCompressionRatio());
        this.previews = new PreviewRenderer(limits.previewMaxEdge(), limits.maxImagePixels());
        // A slot is held from submission until the parse thread is done with the document, even past its
        // deadline: a document either gets a slot now or is answered "busy" (see class comment).
        this.slots = new Semaphore(limits.parallelism());
        this.threads = new ThreadPoolExecutor(limits.parallelism(), limits.parallelism(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new ParseThreads());
        threads.allowCoreThreadTimeOut(true);
    }

    private static AutoDetectParser secured(AutoDetectParser parser, ExtractionLimits limits) {
        AutoDetectParserConfig secure = new AutoDetectParserConfig();
        secure.setOutputThreshold(1_000_000);
        secure.setMaximumCompressionRatio(limits.maxCompressionRatio());
        secure.setMaximumDepth(limits.maxXmlDepth());
        secure.setMaximumPackageEntryDepth(10);
        parser.setAutoDetectParserConfig(secure);
        return parser;
    }

    public ExtractionLimits limits() {
        return limits;
    }

    /** Whether this extractor runs OCR, rather than leaving such documents {@code ocr-pending}. */
    public boolean readsPixels() {
        return tesseract != null;
    }

    /**
     * Extracts the file's metadata.
     *
     * @param file     the document's bytes
     * @param sha256   the SHA-256 the vault recorded for them, checked again here; null to skip the check
     * @param fileName the name the user gave it: a hint for type detection (CSV vs. plain text), or null
     * @throws UncheckedIOException only when the file cannot be read at all
     */
    public Extraction extract(Path file, String sha256, String fileName) {
        return extract(file, sha256, fileName, null);
    }

    /**
     * As {@link #extract(Path, String, String)}, with the retention class the uploader chose: a document
     * filed as a receipt or invoice gets receipt fields whatever words it prints.
     */
    public Extraction extract(Path file, String sha256, String fileName, String retentionClass) {
        long started = System.nanoTime();
        long deadline = started + limits.timeout().toNanos();
        Instant at = clock.instant();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (size > limits.maxBytes()) {
            return done(notParsed(sha256, size, limits.maxBytes()), null, at, started);
        }
        if (size == 0) {
            return done(Sidecar.notOk(sha256, 0, Status.UNPARSEABLE, Reason.EMPTY, "the document has no bytes", null,
                    null), null, at, started);
        }
        if (!takeSlot(deadline)) {
            return done(deferred(sha256, size, Reason.BUSY, "all " + limits.parallelism()
                    + " parse threads are busy; try again later"), null, at, started);
        }
        Job job = new Job(file, sha256, size, fileName, retentionClass, deadline);
        threads.execute(job);
        Sidecar sidecar;
        try {
            sidecar = job.sidecar.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            job.stop();
            return done(Sidecar.notOk(sha256, size, Status.UNPARSEABLE, Reason.TIMEOUT,
                    "the extraction did not finish within " + limits.timeout().toMillis() + " ms", null, null), null,
                    at, started);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnreadableFile unreadable) {
                throw new UncheckedIOException("cannot read " + file, unreadable.io);
            }
            // Job.parse classifies everything a document can cause; this is a bug, still answered, not thrown.
            LOG.log(Level.ERROR, "metadata extraction failed unexpectedly for " + sha256, e.getCause());
            Failures.Failure f = Failures.classify(e.getCause(), null);
            return done(Sidecar.notOk(sha256, size, Status.UNPARSEABLE, f.reason(), f.detail(), null, null), null, at,
                    started);
        } catch (InterruptedException e) {
            job.stop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while extracting metadata of " + sha256, e);
        }
        byte[] preview = null;
        if (sidecar.described() && PreviewRenderer.supports(sidecar.detectedType())) {
            try {
                preview = job.preview.get(remaining(deadline), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                job.stop();
                LOG.log(Level.DEBUG, "no preview for {0}: time limit reached", sha256);
            } catch (ExecutionException e) {
                LOG.log(Level.DEBUG, "no preview for " + sha256, e.getCause());
            } catch (InterruptedException e) {
                job.stop();
                Thread.currentThread().interrupt();
            }
            sidecar = sidecar.withPreview(preview != null);
        }
        return done(sidecar, preview, sidecar.described() ? job.text : null, at, started);
    }

    /**
     * Extracts from a stream (an S3 object in the Lambda): the bytes are spooled to a temporary file,
     * at most {@code maxBytes} of them, then handled as {@link #extract(Path, String, String)} does. The
     * time limit starts after spooling.
     */
    public Extraction extract(InputStream in, String sha256, String fileName) throws IOException {
        return extract(in, sha256, fileName, null);
    }

    /** As {@link #extract(InputStream, String, String)}, with the uploader's retention class. */
    public Extraction extract(InputStream in, String sha256, String fileName, String retentionClass)
            throws IOException {
        Path spool = Files.createTempFile("strongroom-metadata-", ".part");
        try {
            long copied;
            try (OutputStream out = Files.newOutputStream(spool)) {
                copied = in.transferTo(new LimitedOutput(out, limits.maxBytes() + 1));
            } catch (LimitedOutput.Full full) {
                Instant at = clock.instant();
                return done(Sidecar.notOk(sha256, full.written, Status.UNPARSEABLE, Reason.TOO_LARGE,
                        "the document has more than " + limits.maxBytes() + " bytes, the extraction limit", null, null),
                        null, at, System.nanoTime());
            }
            LOG.log(Level.DEBUG, "spooled {0} bytes for extraction", copied);
            return extract(spool, sha256, fileName, retentionClass);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /**
     * The extraction of a document above the extraction limit, {@code maxBytes}: nothing is parsed, so
     * no extractor is needed for it.
     */
    public static Extraction tooLarge(String sha256, long size, long maxBytes) {
        return provenanced(notParsed(sha256, size, maxBytes), null, null, Instant.now(), 0);
    }

    private static Sidecar notParsed(String sha256, long size, long maxBytes) {
        return Sidecar.notOk(sha256, size, Status.UNPARSEABLE, Reason.TOO_LARGE, "the document has " + size
                + " bytes; the extraction limit is " + maxBytes, null, null);
    }

    /** The sidecar of a document handed to the heavy lane instead of being parsed now. */
    public static Sidecar deferred(String sha256, long size, Reason reason, String detail) {
        return Sidecar.notOk(sha256, size, Status.DEFERRED, reason, detail, null, null);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private Extraction done(Sidecar sidecar, byte[] preview, Instant at, long startedNanos) {
        return done(sidecar, preview, null, at, startedNanos);
    }

    private Extraction done(Sidecar sidecar, byte[] preview, String text, Instant at, long startedNanos) {
        return provenanced(sidecar, preview, text, at, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }

    private static Extraction provenanced(Sidecar sidecar, byte[] preview, String text, Instant at, long millis) {
        Sidecar.Provenance provenance = new Sidecar.Provenance(NAME, TIKA_VERSION, at.toString(), millis);
        return new Extraction(new Sidecar(sidecar.schemaVersion(), sidecar.sha256(), sidecar.size(), sidecar.status(),
                sidecar.reason(), sidecar.detail(), sidecar.detectedType(), sidecar.title(), sidecar.author(),
                sidecar.creatorTool(), sidecar.created(), sidecar.modified(), sidecar.pageCount(), sidecar.width(),
                sidecar.height(), sidecar.language(), sidecar.wordCount(), sidecar.excerpt(), sidecar.textChars(),
                sidecar.embeddedDocuments(), sidecar.truncated(), sidecar.receipt(), sidecar.preview(), sidecar.ocr(),
                provenance), preview, text);
    }

    /**
     * A slot is freed a moment after its caller got the answer, so a caller that comes straight back
     * waits briefly for it; a slot held by a stuck parse is not waited for long.
     */
    private boolean takeSlot(long deadline) {
        try {
            return slots.tryAcquire(Math.min(remaining(deadline), SLOT_WAIT_NANOS), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private ParseContext context(GuardedEmbeddedExtractor[] embedded, long deadline) {
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        PDFParserConfig pdf = new PDFParserConfig();
        // Stop at the first failing page instead of carrying on for thousands of pages.
        pdf.setCatchIntermediateIOExceptions(false);
        pdf.setExtractInlineImages(false);
        // Text in reading order, so a label and the amount printed beside it share a line.
        pdf.setSortByPosition(true);
        // OCR is ours (OcrRunner), after this pass, with the image prepared first.
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        context.set(PDFParserConfig.class, pdf);
        OfficeParserConfig office = new OfficeParserConfig();
        // Stream DOCX and PPTX through SAX instead of building a DOM, so limits apply as text arrives.
        office.setUseSAXDocxExtractor(true);
        office.setUseSAXPptxExtractor(true);
        office.setExtractMacros(false);
        context.set(OfficeParserConfig.class, office);
        context.set(TesseractOCRConfig.class, OcrParsers.skip());
        embedded[0] = new GuardedEmbeddedExtractor(context, limits.maxEmbedded(), limits.maxBytes(), zipBombs, deadline);
        context.set(EmbeddedDocumentExtractor.class, embedded[0]);
        return context;
    }

    /** One document's extraction on a parse thread: hash, sanity checks, parse, then the preview. */
    private final class Job implements Runnable {

        private final Path file;
        private final String expectedSha256;
        private final long size;
        private final String fileName;
        private final String retentionClass;
        private final long deadline;
        /** The whole text read, for the search index; set by the parse thread before the sidecar completes. */
        volatile String text;
        final CompletableFuture<Sidecar> sidecar = new CompletableFuture<>();
        final CompletableFuture<byte[]> preview = new CompletableFuture<>();
        private Thread thread;
        private boolean stopped;
        private volatile ParseGuard guard;

        Job(Path file, String expectedSha256, long size, String fileName, String retentionClass, long deadline) {
            this.file = file;
            this.expectedSha256 = expectedSha256;
            this.size = size;
            this.fileName = fileName;
            this.retentionClass = retentionClass;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            synchronized (this) {
                thread = Thread.currentThread();
            }
            byte[] png = null;
            Throwable failure = null;
            try {
                Sidecar parsed = parse();
                sidecar.complete(parsed);
                if (parsed.described() && PreviewRenderer.supports(parsed.detectedType()) && !isStopped()) {
                    png = previews.render(file, parsed.detectedType(), deadline).orElse(null);
                }
            } catch (Throwable t) { // OutOfMemoryError included: the document is refused, the JVM goes on
                failure = t;
                sidecar.completeExceptionally(t);
            } finally {
                synchronized (this) {
                    thread = null;
                    // An interrupt aimed at this job must not hit the next one on this thread.
                    Thread.interrupted();
                }
                slots.release();
            }
            if (failure == null) {
                preview.complete(png);
            } else {
                preview.completeExceptionally(failure);
            }
        }

        /** Asks the parse to end now: the guard throws at the next callback, blocking I/O is interrupted. */
        synchronized void stop() {
            stopped = true;
            ParseGuard g = guard;
            if (g != null) {
                g.stop();
            }
            if (thread != null) {
                thread.interrupt();
            }
        }

        private synchronized boolean isStopped() {
            return stopped;
        }

        private Sidecar parse() {
            String actual;
            try {
                actual = sha256();
            } catch (IOException e) {
                throw new UnreadableFile(e);
            } catch (LimitExceeded e) {
                return Sidecar.notOk(expectedSha256, size, Status.UNPARSEABLE, e.reason(), e.getMessage(), null, null);
            }
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
                return Sidecar.notOk(expectedSha256, size, Status.UNPARSEABLE, Reason.CHECKSUM_MISMATCH,
                        "the bytes hash to " + actual + ", not to the recorded " + expectedSha256, null, null);
            }
            Metadata metadata = new Metadata();
            if (fileName != null && !fileName.isBlank()) {
                metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
            }
            metadata.set(Metadata.CONTENT_LENGTH, Long.toString(size));
            // One stream for detection and parse: the parse takes the detected type (DetectOnce) and the
            // package detection opened (a DOCX's OOXML package) instead of doing both again.
            try (TikaInputStream tis = TikaInputStream.get(file)) {
                try {
                    return parse(tis, actual, metadata);
                } finally {
                    detectOnce.forget(tis);
                }
            } catch (IOException e) {
                if (!Files.isReadable(file)) {
                    throw new UnreadableFile(e);
                }
                return Sidecar.notOk(actual, size, Status.UNPARSEABLE, Reason.CORRUPT,
                        "the document could not be read: " + Failures.clip(e.getMessage()), null, null);
            }
        }

        private Sidecar parse(TikaInputStream tis, String actual, Metadata metadata) {
            // Detected here rather than taken from the parse: parsers overwrite Content-Type with their own
            // view (Tika's CSV parser calls a CSV it is unsure about text/plain), and the refusals below
            // should name the type too. The upload check detects the same way.
            String type = null;
            try {
                type = detectOnce.detectForParse(tis, metadata).getBaseType().toString();
                if (PdfEndMarker.missing(file)) {
                    return Sidecar.notOk(actual, size, Status.UNPARSEABLE, Reason.TRUNCATED,
                            "the PDF has no %%EOF marker at its end: the file is truncated", type, null);
                }
                zipBombs.check(file, deadline);
            } catch (LimitExceeded e) {
                return Sidecar.notOk(actual, size, Status.UNPARSEABLE, e.reason(), e.getMessage(), type, null);
            } catch (IOException e) {
                if (!Files.isReadable(file)) {
                    throw new UnreadableFile(e);
                }
                return Sidecar.notOk(actual, size, Status.UNPARSEABLE, Reason.CORRUPT,
                        "the document could not be read: " + Failures.clip(e.getMessage()), type, null);
            }
            StringWriter text = new StringWriter();
            TableCells tables = new TableCells(type != null && (type.contains("spreadsheet") || type.contains("excel")));
            ParseGuard parseGuard = new ParseGuard(new TeeContentHandler(
                    new BlockBreaks(new BodyContentHandler(new WriteOutContentHandler(text, limits.maxTextChars()))),
                    tables), deadline, limits.maxPages(), metadata);
            guard = parseGuard;
            if (isStopped()) {
                parseGuard.stop();
            }
            GuardedEmbeddedExtractor[] embedded = new GuardedEmbeddedExtractor[1];
            ParseContext context = context(embedded, deadline);
            Throwable failure = null;
            try {
                parser.parse(tis, parseGuard, metadata, context);
            } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                failure = e;
            }
            boolean textCut = text.getBuffer().length() >= limits.maxTextChars();
            if (failure != null && WriteLimitReachedException.isWriteLimitReached(failure)) {
                failure = null;
                textCut = true;
            }
            LimitExceeded tripped = parseGuard.tripped() != null ? parseGuard.tripped() : embedded[0].tripped();
            Failures.Failure failed = Failures.classify(failure, tripped);
            if (failed != null) {
                return Sidecar.notOk(actual, size, Status.UNPARSEABLE, failed.reason(), failed.detail(), type, null);
            }
            List<TableCells.Table> cells = CsvTable.applies(type, fileName) ? CsvTable.read(file) : tables.tables();
            Sidecar described = described(actual, type, metadata, text.getBuffer(), textCut, embedded[0], cells);
            if (!TextLayer.missing(type, text.getBuffer(), described.pageCount())) {
                return described;
            }
            if (tesseract == null) {
                return described.withOcr(Status.DEFERRED, Reason.OCR_PENDING,
                        "the text is only in the pixels; OCR in the service's heavy lane reads it",
                        Sidecar.Ocr.pending("waiting for OCR in the service's heavy lane"));
            }
            return readPixels(described, type);
        }

        /**
         * The second pass for a document whose text is only in its pixels: Tesseract reads it (one page
         * or image at a time, through Tika), and the text, excerpt, language and receipt fields come from
         * that. A limit or an OCR failure keeps the first pass's metadata and says so in the OCR block.
         */
        private Sidecar readPixels(Sidecar described, String type) {
            Optional<String> refused = OcrParsers.refusal(file, type, described.pageCount(), ocrSettings);
            if (refused.isPresent()) {
                return described.withOcr(Status.OK, null, null, new Sidecar.Ocr(OcrParsers.REFUSED,
                        tesseract.version(), tesseract.languages(), null, null, refused.get()));
            }
            HocrText hocr;
            try {
                hocr = ocrRead(ocr, type);
                // Tesseract reads diacritics by its first language: "Farmácia" with por first, "Farmacia" with
                // eng first. When the text turns out to be in another of the languages, it reads again with
                // that one first, and the reading it is surer of stands.
                OcrRunner inLanguage = limits.detectLanguage() ? ocrFirst(language.guess(hocr.text())) : null;
                if (inLanguage != null) {
                    HocrText again = ocrRead(inLanguage, type);
                    if (again.meanConfidence() != null && (hocr.meanConfidence() == null
                            || again.meanConfidence() >= hocr.meanConfidence() - LANGUAGE_RETRY_SLACK)) {
                        hocr = again;
                    }
                }
            } catch (OcrRunner.OcrStopped e) {
                return Sidecar.notOk(described.sha256(), size, Status.UNPARSEABLE, Reason.TIMEOUT,
                        "OCR did not finish within the time limit", type, null);
            } catch (OcrRunner.OcrFailed | IOException | RuntimeException | OutOfMemoryError e) {
                return described.withOcr(Status.OK, null, null, new Sidecar.Ocr(OcrParsers.FAILED,
                        tesseract.version(), tesseract.languages(), null, null, Failures.clip(String.valueOf(e.getMessage()))));
            }
            String text = hocr.text();
            this.text = text;
            TextSummary summary = TextSummary.of(text);
            String lang = limits.detectLanguage() ? language.guess(text) : null;
            Sidecar.Ocr read = new Sidecar.Ocr(Sidecar.Ocr.DONE, tesseract.version(), tesseract.languages(),
                    hocr.meanConfidence(), hocr.pages(), null);
            return new Sidecar(Sidecar.SCHEMA_VERSION, described.sha256(), size, Status.OK, null, null, type,
                    described.title(), described.author(), described.creatorTool(), described.created(),
                    described.modified(), described.pageCount(), described.width(), described.height(),
                    lang != null ? lang : described.language(), summary.wordCount(), summary.excerpt(),
                    text.isEmpty() ? null : text.length(), described.embeddedDocuments(), described.truncated(),
                    receipts.read(new ReceiptText(hocr.lines(), List.of(), hints(described, type))), null, read, null);
        }

        private HocrText ocrRead(OcrRunner runner, String type)
                throws OcrRunner.OcrFailed, OcrRunner.OcrStopped, IOException {
            HocrText hocr = new HocrText(limits.maxTextChars());
            if ("application/pdf".equals(type)) {
                runner.readPdf(file, hocr, deadline, this::isStopped);
            } else {
                runner.readImage(file, hocr, deadline, this::isStopped);
            }
            return hocr;
        }

        private ReceiptHints hints(Sidecar described, String type) {
            return new ReceiptHints(retentionClass, fileName, described.title(), described.author(), type);
        }

        private Sidecar described(String sha256, String type, Metadata metadata, StringBuffer text, boolean textCut,
                GuardedEmbeddedExtractor embedded, List<TableCells.Table> tables) {
            TextSummary summary = TextSummary.of(text);
            List<String> truncated = new ArrayList<>();
            if (textCut) {
                truncated.add("text");
            }
            if (embedded.limitReached()) {
                truncated.add("embedded-documents");
            }
            String plain = text.toString();
            this.text = plain;
            String lang = limits.detectLanguage() ? language.guess(plain) : null;
            boolean image = TextLayer.IMAGES.contains(type);
            String title = image ? field(metadata, IMAGE_TITLE_KEYS) : field(metadata, TikaCoreProperties.TITLE.getName());
            String author = field(metadata, AUTHOR_KEYS);
            ReceiptHints hints = new ReceiptHints(retentionClass, fileName, title, author, type);
            return new Sidecar(Sidecar.SCHEMA_VERSION, sha256, size, Status.OK, null, null, type, title, author,
                    field(metadata, CREATOR_TOOL_KEYS), field(metadata, TikaCoreProperties.CREATED.getName()),
                    field(metadata, TikaCoreProperties.MODIFIED.getName()), pageCount(metadata),
                    image ? dimension(metadata, Metadata.IMAGE_WIDTH.getName(), "Image Width") : null,
                    image ? dimension(metadata, Metadata.IMAGE_LENGTH.getName(), "Image Height") : null, lang,
                    summary.wordCount(), summary.excerpt(), plain.isBlank() ? null : plain.length(), embedded.seen(),
                    truncated.isEmpty() ? null : truncated, receipts.read(ReceiptText.of(plain, tables, hints)), null,
                    null, null);
        }

        private String sha256() throws IOException, LimitExceeded {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0;) {
                    digest.update(buffer, 0, n);
                    if (System.nanoTime() - deadline > 0 || isStopped()) {
                        throw new LimitExceeded(Reason.TIMEOUT, "the extraction did not finish within its time limit");
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static String field(Metadata metadata, String... keys) {
        for (String key : keys) {
            String[] values = metadata.getValues(key);
            String joined = String.join("; ", Arrays.stream(values).filter(v -> v != null && !v.isBlank())
                    .map(String::strip).distinct().toList());
            if (!joined.isEmpty()) {
                return joined.length() <= MAX_FIELD_CHARS ? joined : joined.substring(0, MAX_FIELD_CHARS - 1) + "…";
            }
        }
        return null;
    }

    /** An image dimension in pixels: Tika's tiff:ImageWidth/Length, else the decoder's "Image Width: 800 pixels". */
    private static Integer dimension(Metadata metadata, String... keys) {
        for (String key : keys) {
            String value = metadata.get(key);
            if (value != null) {
                java.util.regex.Matcher digits = java.util.regex.Pattern.compile("\\d+").matcher(value);
                if (digits.find()) {
                    try {
                        return Integer.valueOf(digits.group());
                    } catch (NumberFormatException tooLarge) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /** An OCR runner with this language's model first, or null when it is first already or not installed. */
    private OcrRunner ocrFirst(String language) {
        String model = language == null ? null : TESSERACT_MODELS.get(language);
        if (model == null) {
            return null;
        }
        List<String> models = new ArrayList<>(Arrays.asList(tesseract.languages().split("\\+")));
        if (models.isEmpty() || models.get(0).equals(model) || !models.remove(model)) {
            return null;
        }
        models.add(0, model);
        String order = String.join("+", models);
        return languageRunners.computeIfAbsent(order, o -> new OcrRunner(new Tesseract(tesseract.directory(),
                tesseract.tessdata(), tesseract.version(), o), ocrSettings));
    }

    private static Integer pageCount(Metadata metadata) {
        Integer pages = metadata.getInt(PagedText.N_PAGES);
        return pages != null ? pages : metadata.getInt(Office.PAGE_COUNT);
    }

    /** Marks a failure to read the document's own file, which is the storage's problem, not the document's. */
    private static final class UnreadableFile extends RuntimeException {
        final transient IOException io;

        UnreadableFile(IOException io) {
            super(io);
            this.io = io;
        }
    }

    /**
     * Daemon threads: a parse stuck in a parser must never keep the JVM from exiting. Minimum priority
     * is only a hint (Linux ignores Java priorities by default); the real bound is the thread count.
     */
    private static final class ParseThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "metadata-parse-" + count.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        }
    }
}
