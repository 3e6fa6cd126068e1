package dev.strongroom.metadata.extract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run in a JVM of its own by {@link BoundedHeapTest}: extracts every file of a directory with the
 * default limits (language detection included) and prints one sidecar per line, so the parent can
 * check the results and that this small-heap JVM lived to print them.
 */
public final class HostileCorpusRun {

    private HostileCorpusRun() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ExtractionLimits limits = ExtractionLimits.defaults().withTimeout(Duration.ofSeconds(60))
                .withMaxBytes(Long.parseLong(args[1]));
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.sorted().toList();
        }
        try (MetadataExtractor extractor = new MetadataExtractor(limits)) {
            for (Path file : files) {
                Sidecar sidecar = extractor.extract(file, null, file.getFileName().toString()).sidecar();
                System.out.println(file.getFileName() + "\t" + SidecarJson.write(sidecar));
            }
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.println("max-heap\t" + runtime.maxMemory());
    }
}
