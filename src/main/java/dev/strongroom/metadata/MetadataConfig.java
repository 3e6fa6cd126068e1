package dev.strongroom.metadata;

import dev.strongroom.metadata.extract.ExtractionLimits;
import dev.strongroom.metadata.extract.OcrSettings;
import dev.strongroom.metadata.extract.Tesseract;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Metadata extraction in the service; read by {@link MetadataWorker}. The limits are the ones
 * {@link ExtractionLimits} documents; docs/metadata.md explains the lanes.
 */
@ConfigMapping(prefix = "strongroom.metadata")
public interface MetadataConfig {

    /** Extract metadata in the service at all. Off: documents stay PENDING and nothing is parsed here. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Run the light lane in the service. Off where the metadata Lambda does the light work (production):
     * new documents then wait, PENDING, for their sidecar from S3 (see {@link #sync()}), and the service
     * only extracts deferred documents in its heavy lane.
     */
    @WithDefault("true")
    boolean lightLane();

    /**
     * With the light lane off: a document still PENDING this long after upload (its sidecar never came:
     * the Lambda failed into its dead-letter queue, or was never invoked) goes to the heavy lane, so no
     * document waits for metadata for good.
     */
    @WithDefault("1h")
    Duration lambdaGrace();

    /** Light-lane threads: they extract documents right after upload, each with its own parse thread. */
    @WithDefault("1")
    int workers();

    /**
     * Documents waiting in memory for a light-lane thread. Beyond this they wait in the catalog, and the
     * lane takes the oldest of them as soon as its queue is down to a quarter: a bound on memory, not
     * on throughput.
     */
    @WithDefault("1000")
    int queueCapacity();

    /**
     * Documents larger than this (bytes, default 20 MiB) skip the light lane: they are marked DEFERRED
     * and extracted by the heavy lane, one at a time with {@link #heavyTimeout()}.
     */
    @WithDefault("20971520")
    long deferAboveBytes();

    /** Wall time per document in the heavy lane. */
    @WithDefault("5m")
    Duration heavyTimeout();

    /**
     * How often the sweep looks for PENDING and DEFERRED documents nobody is working on (after a
     * restart, a full queue, or an extraction that failed for a reason outside the document).
     */
    @WithDefault("60s")
    String sweepEvery();

    /**
     * Longest a lane waits, before each document, for uploads to stop arriving (see UploadActivity):
     * during a burst extraction gives the cores to the uploads and moves at most one document per this
     * period per lane; it catches up once the burst is over. 0 turns the waiting off.
     */
    @WithDefault("10s")
    Duration yieldToUploads();

    /**
     * How long the extractors may stay idle before they are released, with Tika's parsers and the
     * language model (about 100 MB of heap): the next document loads them again, in a few seconds.
     * Checked at each sweep.
     */
    @WithDefault("5m")
    Duration releaseAfter();

    /**
     * Most documents one periodic sweep queues; more are taken as the queue drains (see
     * {@link #queueCapacity()}), so this is not a limit on documents per sweep period.
     */
    @WithDefault("500")
    int sweepBatch();

    /** Pulling the Lambda's sidecars from S3 into the catalog (dev.strongroom.metadata.sync.MetadataSync). */
    Sync sync();

    /** The local stand-in for S3 invoking the Lambda (dev.strongroom.metadata.sync.SqsEventRunner). */
    Runner runner();

    /** Where the SSM command from the Lambda drops deferred documents (dev.strongroom.metadata.sync.HandoverInbox). */
    Handover handover();

    interface Sync {

        /** Look for the sidecars of PENDING documents at all (needs strongroom.backup.bucket). */
        @WithDefault("true")
        boolean enabled();

        /** How often; {@code off} = on demand only (POST /api/metadata/sync). */
        @WithDefault("60s")
        String every();

        /**
         * PENDING documents one sync reads per page, oldest first; a sync goes on to the next page while
         * the last one found sidecars in S3.
         */
        @WithDefault("500")
        int batch();
    }

    interface Runner {

        /**
         * Poll the S3 notification queue and hand every message body, unchanged, to the metadata Lambda's
         * handler inside the vault. For the local emulator only: on AWS, S3 invokes the Lambda itself.
         */
        @WithDefault("false")
        boolean enabled();

        /** The queue S3 notifies about documents/ (deploy/local/provision.sh creates it). */
        @WithDefault("strongroom-documents")
        String queue();

        /** Long-poll wait per receive, at most 20 s. */
        @WithDefault("20s")
        Duration waitTime();

        /** How long a received message stays invisible to other receivers while the handler works on it. */
        @WithDefault("5m")
        Duration visibilityTimeout();

        /**
         * Receives after which a failing message is given up: the queue's redrive policy (same number,
         * provision.sh) moves it to the dead-letter queue, and the runner logs it as an error.
         */
        @WithDefault("5")
        int maxReceives();

        /** The handler's STRONGROOM_LAMBDA_DEFER_ABOVE_BYTES: larger documents get a deferred sidecar. */
        @WithDefault("20971520")
        long deferAboveBytes();

        /** The handler's STRONGROOM_LAMBDA_SSM_INSTANCE_ID; unset = no SSM hand-over (the sync hands over). */
        Optional<String> ssmInstanceId();
    }

    interface Handover {

        /** How often the hand-over directory ({@code <data-dir>/metadata-handover/}) is read; {@code off} = never. */
        @WithDefault("5s")
        String every();
    }

    /** Limits for every extraction; the light lane's time limit is {@code timeout}. */
    Limits limits();

    /** OCR of images and PDFs without a text layer, in the heavy lane (docs/metadata.md, OCR). */
    Ocr ocr();

    interface Ocr {

        /** Run OCR at all. Off: such documents keep the metadata read without it and stay ocr-pending. */
        @WithDefault("true")
        boolean enabled();

        /** The Tesseract executable: a name looked up on PATH, or a path. */
        @WithDefault("tesseract")
        String command();

        /** Language models, joined with +; the installed ones are used. */
        @WithDefault("eng+por+deu")
        String languages();

        /** Most pages read by OCR per document; a longer document keeps its metadata without OCR text. */
        @WithDefault("20")
        int maxPages();

        /** Most pixels of one image given to OCR. */
        @WithDefault("40000000")
        long maxPixels();

        /** Wall time of one Tesseract run (one image or one page). */
        @WithDefault("60s")
        Duration pageTimeout();

        /** Resolution PDF pages are rendered at for OCR. */
        @WithDefault("200")
        int dpi();

        /** How much lower Tesseract's CPU priority is (nice); 0 runs it at the service's priority. */
        @WithDefault("10")
        int niceness();

        /** How often the vault looks for Tesseract again, so that installing it later is noticed. */
        @WithDefault("5m")
        String probeEvery();

        default OcrSettings toSettings() {
            return new OcrSettings(languages(), maxPages(), maxPixels(), pageTimeout(), dpi());
        }
    }

    interface Limits {

        /** Largest document parsed at all, in bytes (default 200 MiB, the upload limit). Larger: unparseable. */
        @WithDefault("209715200")
        long maxBytes();

        /** Wall time per document in the light lane (hashing, parsing and preview together). */
        @WithDefault("60s")
        Duration timeout();

        /** Characters of text kept per document; the parse stops there and the sidecar says "truncated". */
        @WithDefault("1000000")
        int maxTextChars();

        /** Embedded documents parsed per document; further ones are counted, not opened. */
        @WithDefault("100")
        int maxEmbedded();

        /** Pages; a document with more is unparseable ("too-many-pages"). */
        @WithDefault("2000")
        int maxPages();

        /** Zip bomb guard: most output characters per input byte, and most inflated bytes per file byte. */
        @WithDefault("100")
        long maxCompressionRatio();

        /** Zip bomb guard: smallest compressed/inflated ratio of one zip entry past 100 KB (0.01 = 100x). */
        @WithDefault("0.01")
        double zipMinInflateRatio();

        /** Deepest XML element nesting in a parse's output. */
        @WithDefault("100")
        int maxXmlDepth();

        /** Longest side of a preview PNG, in pixels. */
        @WithDefault("256")
        int previewMaxEdge();

        /** Images with more pixels get no preview. */
        @WithDefault("100000000")
        long maxImagePixels();

        /** Detect the text's language (OpenNLP model, about 85 MB of heap once the first document needs it). */
        @WithDefault("true")
        boolean detectLanguage();

        default ExtractionLimits toLimits(Duration timeout, int parallelism) {
            return new ExtractionLimits(maxBytes(), timeout, maxTextChars(), maxEmbedded(), maxPages(),
                    maxCompressionRatio(), zipMinInflateRatio(), maxXmlDepth(), previewMaxEdge(), maxImagePixels(),
                    parallelism, detectLanguage());
        }
    }
}
