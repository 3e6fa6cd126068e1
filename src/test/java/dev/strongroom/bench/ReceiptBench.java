package dev.strongroom.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.metadata.extract.ExtractionLimits;
import dev.strongroom.metadata.extract.MetadataExtractor;
import dev.strongroom.metadata.extract.OcrSettings;
import dev.strongroom.metadata.extract.ReceiptReader;
import dev.strongroom.metadata.extract.Sidecar;
import dev.strongroom.metadata.extract.SidecarJson;
import dev.strongroom.metadata.extract.Tesseract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.awaitility.core.ConditionTimeoutException;

/**
 * bench/receipts: how well the vault reads receipt fields, over the corpus bench/receipts_corpus.py
 * writes (labels.jsonl says what is printed on each file).
 * <ul>
 * <li>{@code --mode=vault}: uploads every file to a running vault (with the retention class its label
 * gives), waits until its metadata is final, and scores the fields of {@code GET /api/documents/{id}};
 * then searches for each document by its vendor written without accents, by its total written as a
 * spreadsheet shows it (1893.4), and by a word printed on its last page.</li>
 * <li>{@code --mode=reference}: the same field reader over the text of bare tools: Tika's
 * AutoDetectParser with its defaults (body text, no tables, no OCR) for every file, and the
 * {@code tesseract} command with its defaults for the photos.</li>
 * <li>{@code --mode=local}: the vault's extractor in this process (with OCR), for tuning without a vault.</li>
 * </ul>
 * Each mode writes {@code --results} (JSON: per format and field, how many labelled, reported, correct,
 * and reported with high confidence but wrong); {@code --mode=table} turns the three into markdown.
 */
public final class ReceiptBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FIELDS = List.of("vendor", "date", "total", "currency", "tax");
    static final List<String> FORMATS = List.of("pdf", "docx", "xlsx", "odt", "eml", "csv", "jpg");

    /** One labelled document. */
    record Label(String file, String format, String vendor, String date, String total, String currency, String tax,
            String word, String retention, String language) {

        String expected(String field) {
            return switch (field) {
                case "vendor" -> vendor;
                case "date" -> date;
                case "total" -> total;
                case "currency" -> currency;
                default -> tax;
            };
        }
    }

    /** What a reader said about one field: its value and whether it claimed to be sure. */
    record Reading(String value, boolean sure) {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        switch (args.get("mode")) {
            case "vault" -> {
                Path corpus = Path.of(args.get("corpus"));
                Scores scores = vault(URI.create(args.get("vault")), args.get("admin-password"), corpus,
                        Duration.ofSeconds(args.integer("wait-seconds", 1200)));
                scores.write(Path.of(args.get("results")));
                System.out.println(scores.summary());
            }
            case "reference" -> {
                Scores scores = reference(Path.of(args.get("corpus")));
                scores.write(Path.of(args.get("results")));
                System.out.println(scores.summary());
            }
            case "local" -> {
                Scores scores = local(Path.of(args.get("corpus")));
                scores.write(Path.of(args.get("results")));
                System.out.println(scores.summary());
            }
            case "table" -> {
                Scores vault = Scores.read(Path.of(args.get("vault-results")));
                Scores reference = Scores.read(Path.of(args.get("reference-results")));
                Files.writeString(Path.of(args.get("table")), table(vault, reference), StandardCharsets.UTF_8);
                figures(vault, reference).forEach(args::report);
            }
            default -> throw new IllegalArgumentException("--mode=vault|reference|local|table");
        }
    }

    static List<Label> labels(Path corpus) throws IOException {
        List<Label> labels = new ArrayList<>();
        for (String line : Files.readAllLines(corpus.resolve("labels.jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            labels.add(new Label(n.path("file").asText(), n.path("format").asText(), n.path("vendor").asText(),
                    n.path("date").asText(), n.path("total").asText(), n.path("currency").asText(),
                    n.path("tax").isNull() ? null : n.path("tax").asText(null), n.path("word").asText(),
                    n.path("retention").asText(), n.path("language").asText()));
        }
        return labels;
    }

    // ---- the vault ----

    static Scores vault(URI base, String adminPassword, Path corpus, Duration wait) throws Exception {
        String user = "receipts-" + Long.toHexString(System.nanoTime());
        String password = "receipts-bench-password";
        BenchHttp admin = new BenchHttp(base, "admin", adminPassword);
        admin.createUser(user, password, List.of("analyst"));
        BenchHttp analyst = admin.as(user, password);
        List<Label> labels = labels(corpus);
        Map<String, String> ids = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (Label l : labels) {
            JsonNode doc = analyst.uploadFile(corpus.resolve(l.file()), Map.of("retentionClass", l.retention()));
            ids.put(l.file(), doc.path("id").asText());
        }
        System.out.printf("uploaded %d documents in %.1f s%n", labels.size(), (System.nanoTime() - started) / 1e9);
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        int[] lastReported = { -1 };
        try {
            await().atMost(wait).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2)).until(() -> {
                for (Map.Entry<String, String> e : ids.entrySet()) {
                    if (docs.containsKey(e.getKey())) {
                        continue;
                    }
                    JsonNode doc = analyst.getJson("/api/documents/" + e.getValue());
                    String state = doc.path("metadataState").asText();
                    if ("EXTRACTED".equals(state) || "UNPARSEABLE".equals(state)) {
                        docs.put(e.getKey(), doc);
                    }
                }
                if (docs.size() != lastReported[0]) {
                    lastReported[0] = docs.size();
                    System.out.printf("metadata final for %d of %d documents after %.0f s%n", docs.size(),
                            labels.size(), (System.nanoTime() - started) / 1e9);
                }
                return docs.size() == labels.size();
            });
        } catch (ConditionTimeoutException e) {
            // A bench scores what it got: a document still without metadata counts as missing.
            System.out.println("*** not all documents were extracted within " + wait + "; scoring the rest as missing");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Scores scores = new Scores("vault");
        for (Label l : labels) {
            JsonNode doc = docs.get(l.file());
            Sidecar.Receipt receipt = null;
            if (doc != null && doc.hasNonNull("metadata")) {
                receipt = SidecarJson.read(doc.get("metadata").toString()).receipt();
            }
            scores.add(l, readings(receipt));
        }
        search(analyst, labels, ids, scores);
        scores.figures.put("documents", (double) labels.size());
        scores.figures.put("seconds", seconds);
        return scores;
    }

    /** Finds each document by vendor without accents, by its total as a sheet shows it, and by its last page's word. */
    private static void search(BenchHttp analyst, List<Label> labels, Map<String, String> ids, Scores scores) {
        int byVendor = 0;
        int byTotal = 0;
        int byWord = 0;
        for (Label l : labels) {
            String id = ids.get(l.file());
            if (found(analyst, Map.of("q", unaccented(l.vendor())), id)) {
                byVendor++;
            } else {
                scores.misses.add(l.file() + " not found by vendor " + unaccented(l.vendor()));
            }
            String total = new java.math.BigDecimal(l.total()).stripTrailingZeros().toPlainString();
            if (found(analyst, Map.of("q", total), id)) {
                byTotal++;
            } else {
                scores.misses.add(l.file() + " not found by total " + total);
            }
            if (found(analyst, Map.of("q", l.word()), id)) {
                byWord++;
            } else {
                scores.misses.add(l.file() + " not found by word " + l.word());
            }
        }
        scores.figures.put("search.vendor", byVendor * 100.0 / labels.size());
        scores.figures.put("search.total", byTotal * 100.0 / labels.size());
        scores.figures.put("search.word", byWord * 100.0 / labels.size());
    }

    private static boolean found(BenchHttp http, Map<String, String> query, String id) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("size", "200");
        JsonNode page = http.getJson("/api/documents", q);
        for (JsonNode item : page.path("items")) {
            if (id.equals(item.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    static String unaccented(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    // ---- the references: bare Tika, bare Tesseract, the same field reader ----

    static Scores reference(Path corpus) throws Exception {
        Scores scores = new Scores("reference");
        AutoDetectParser tika = new AutoDetectParser();
        for (Label l : labels(corpus)) {
            Path file = corpus.resolve(l.file());
            String text;
            if ("jpg".equals(l.format())) {
                text = bareTesseract(file);
            } else {
                Metadata metadata = new Metadata();
                metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, l.file());
                BodyContentHandler handler = new BodyContentHandler(-1);
                ParseContext context = new ParseContext();
                TesseractOCRConfig noOcr = new TesseractOCRConfig();
                noOcr.setSkipOcr(true);
                context.set(TesseractOCRConfig.class, noOcr);
                try (InputStream in = Files.newInputStream(file)) {
                    tika.parse(in, handler, metadata, context);
                }
                text = handler.toString();
            }
            scores.add(l, readings(ReceiptReader.fromText(text, l.retention(), l.file())));
        }
        return scores;
    }

    static String bareTesseract(Path image) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tesseract", image.toString(), "stdout", "-l", "eng+por+deu")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(120, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }

    // ---- in process ----

    static Scores local(Path corpus) throws IOException {
        Tesseract.Probe probe = Tesseract.probe("tesseract", "eng+por+deu", 0, Files.createTempDirectory("ocr-bin"));
        ExtractionLimits limits = ExtractionLimits.defaults();
        Scores scores = new Scores("local");
        try (MetadataExtractor extractor = new MetadataExtractor(limits,
                new OcrSettings("eng+por+deu", 20, 40_000_000, Duration.ofSeconds(60), 200), probe.tesseract().orElseThrow())) {
            for (Label l : labels(corpus)) {
                Path file = corpus.resolve(l.file());
                Sidecar s = extractor.extract(file, null, l.file(), l.retention()).sidecar();
                Map<String, Reading> r = readings(s.receipt());
                scores.add(l, r);
                if (System.getenv("RECEIPTS_DEBUG") != null) {
                    System.out.println(l.file() + " " + r + "\n   expected " + l);
                }
            }
        }
        return scores;
    }

    static Map<String, Reading> readings(Sidecar.Receipt r) {
        Map<String, Reading> out = new LinkedHashMap<>();
        if (r == null) {
            return out;
        }
        java.util.Set<String> review = r.review() == null ? java.util.Set.of() : java.util.Set.copyOf(r.review());
        if (r.vendor() != null) {
            out.put("vendor", new Reading(r.vendor().value(), !review.contains("vendor")));
        }
        if (r.date() != null) {
            out.put("date", new Reading(r.date().value(), !review.contains("date")));
        }
        if (r.total() != null) {
            out.put("total", new Reading(r.total().amount(), !review.contains("total")));
        }
        String currency = r.currency() != null ? r.currency().value() : r.total() != null ? r.total().currency() : null;
        if (currency != null) {
            out.put("currency", new Reading(currency, !review.contains("currency")));
        }
        if (r.taxTotal() != null) {
            out.put("tax", new Reading(r.taxTotal(), !review.contains("tax")));
        }
        return out;
    }

    static boolean correct(String field, String expected, String value) {
        if (expected == null || value == null) {
            return false;
        }
        return switch (field) {
            case "vendor" -> normal(expected).equals(normal(value));
            case "total", "tax" -> new java.math.BigDecimal(expected).compareTo(new java.math.BigDecimal(value)) == 0;
            default -> expected.equals(value);
        };
    }

    /** Vendors compare without case, runs of spaces or punctuation at the ends (OCR reads "MÜLLER GMBH"). */
    static String normal(String vendor) {
        return vendor.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ")
                .replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
    }

    // ---- scores ----

    /** Counts per format and field: labelled, reported, correct, reported as sure, sure but wrong. */
    static final class Scores {
        final String name;
        final Map<String, Map<String, int[]>> counts = new TreeMap<>();
        final Map<String, Double> figures = new TreeMap<>();
        final List<String> misses = new ArrayList<>();

        Scores(String name) {
            this.name = name;
        }

        void add(Label l, Map<String, Reading> readings) {
            for (String field : FIELDS) {
                int[] c = counts.computeIfAbsent(l.format(), f -> new TreeMap<>()).computeIfAbsent(field, f -> new int[5]);
                String expected = l.expected(field);
                Reading r = readings.get(field);
                if (expected != null) {
                    c[0]++;
                }
                if (r != null) {
                    c[1]++;
                    boolean right = correct(field, expected, r.value());
                    if (right) {
                        c[2]++;
                    }
                    if (r.sure()) {
                        c[3]++;
                        if (!right) {
                            c[4]++;
                        }
                    }
                    if (!right && misses.size() < 400) {
                        misses.add(l.file() + " " + field + ": read " + r.value() + (r.sure() ? " (sure)" : " (review)")
                                + ", printed " + expected);
                    }
                } else if (expected != null && misses.size() < 400) {
                    misses.add(l.file() + " " + field + ": not read, printed " + expected);
                }
            }
        }

        int[] get(String format, String field) {
            return counts.getOrDefault(format, Map.of()).getOrDefault(field, new int[5]);
        }

        /** Over the digital formats (everything but photos), or the photos alone. */
        int[] group(boolean photos, String field) {
            int[] sum = new int[5];
            for (String format : FORMATS) {
                if ("jpg".equals(format) == photos) {
                    int[] c = get(format, field);
                    for (int i = 0; i < 5; i++) {
                        sum[i] += c[i];
                    }
                }
            }
            return sum;
        }

        String summary() {
            StringBuilder s = new StringBuilder(name + ":\n");
            for (String format : counts.keySet()) {
                s.append("  ").append(format).append(':');
                for (String field : FIELDS) {
                    int[] c = get(format, field);
                    s.append(String.format(java.util.Locale.ROOT, " %s P%s R%s", field, pct(c[2], c[1]), pct(c[2], c[0])));
                }
                s.append('\n');
            }
            figures.forEach((k, v) -> s.append("  ").append(k).append('=').append(String.format(java.util.Locale.ROOT,
                    "%.1f", v)).append('\n'));
            if (System.getenv("RECEIPTS_MISSES") != null) {
                misses.forEach(m -> s.append("    ").append(m).append('\n'));
            }
            return s.toString();
        }

        void write(Path file) throws IOException {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", name);
            json.put("counts", counts);
            json.put("figures", figures);
            json.put("misses", misses);
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json), StandardCharsets.UTF_8);
        }

        static Scores read(Path file) throws IOException {
            JsonNode n = JSON.readTree(file.toFile());
            Scores s = new Scores(n.path("name").asText());
            n.path("counts").fields().forEachRemaining(f -> f.getValue().fields().forEachRemaining(g -> {
                int[] c = new int[5];
                for (int i = 0; i < 5; i++) {
                    c[i] = g.getValue().get(i).asInt();
                }
                s.counts.computeIfAbsent(f.getKey(), k -> new TreeMap<>()).put(g.getKey(), c);
            }));
            n.path("figures").fields().forEachRemaining(f -> s.figures.put(f.getKey(), f.getValue().asDouble()));
            n.path("misses").forEach(m -> s.misses.add(m.asText()));
            return s;
        }
    }

    static String pct(int part, int whole) {
        return whole == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f", 100.0 * part / whole);
    }

    /** The markdown table for docs/performance.md: per format and field, the vault's precision and recall. */
    static String table(Scores vault, Scores reference) {
        StringBuilder t = new StringBuilder();
        t.append("| format | documents | field | vault precision | vault recall | sure but wrong | ")
                .append("bare Tika / Tesseract + same reader: precision | recall |\n");
        t.append("|---|---|---|---|---|---|---|---|\n");
        for (String format : FORMATS) {
            for (String field : FIELDS) {
                int[] v = vault.get(format, field);
                int[] r = reference.get(format, field);
                int docs = vault.get(format, "vendor")[0];
                t.append("| ").append(format).append(" | ").append(docs).append(" | ").append(field).append(" | ")
                        .append(pct(v[2], v[1])).append(" % | ").append(pct(v[2], v[0])).append(" % | ")
                        .append(v[4]).append(" of ").append(v[3]).append(" | ").append(pct(r[2], r[1])).append(" % | ")
                        .append(pct(r[2], r[0])).append(" % |\n");
            }
        }
        return t.toString();
    }

    /** The figures the target rows of docs/performance.md quote: exact rates per group of formats, search rates. */
    static Map<String, Double> figures(Scores vault, Scores reference) {
        Map<String, Double> f = new LinkedHashMap<>();
        for (boolean photos : new boolean[] { false, true }) {
            String group = photos ? "photos" : "digital";
            f.put(group + ".documents", (double) vault.group(photos, "total")[0]);
            int sure = 0;
            int sureWrong = 0;
            for (String field : FIELDS) {
                int[] v = vault.group(photos, field);
                f.put(group + "." + field, rate(v));
                f.put("ref." + group + "." + field, rate(reference.group(photos, field)));
                sure += v[3];
                sureWrong += v[4];
            }
            f.put(group + ".sure", (double) sure);
            f.put(group + ".sure_wrong", sure == 0 ? 0 : Math.round(1000.0 * sureWrong / sure) / 10.0);
        }
        for (String key : List.of("search.vendor", "search.total", "search.word")) {
            f.put(key, Math.round(vault.figures.getOrDefault(key, 0.0) * 10) / 10.0);
        }
        return f;
    }

    /** Correct of labelled, in percent with one decimal. */
    static double rate(int[] c) {
        return c[0] == 0 ? 0 : Math.round(1000.0 * c[2] / c[0]) / 10.0;
    }

}
