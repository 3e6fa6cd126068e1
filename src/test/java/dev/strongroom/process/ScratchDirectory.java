package dev.strongroom.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A test's own directory under {@code target/process-it}: emptied at the start, so runs never mix. */
final class ScratchDirectory {

    private ScratchDirectory() {
    }

    static Path fresh(String name) throws IOException {
        Path dir = Path.of("target", "process-it", name);
        delete(dir);
        return Files.createDirectories(dir);
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
