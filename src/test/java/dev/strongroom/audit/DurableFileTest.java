package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state file replaced whole: new content in place, no temp file left, its directory made if missing. */
class DurableFileTest {

    @TempDir
    Path dir;

    @Test
    void aStateFileIsReplacedWholeAndNoTempFileIsLeft() throws Exception {
        Path target = dir.resolve("state").resolve("checkpoint.json");

        DurableFile.replace(target, "{\"seq\":1}".getBytes(StandardCharsets.UTF_8));
        DurableFile.replace(target, "{\"seq\":2}".getBytes(StandardCharsets.UTF_8));

        assertArrayEquals("{\"seq\":2}".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aShorterContentLeavesNothingOfTheLongerOne() throws Exception {
        Path target = dir.resolve("last.json");
        Files.writeString(dir.resolve("last.json.tmp"), "a temp file a crash left, longer than the new content");

        DurableFile.replace(target, "{}".getBytes(StandardCharsets.UTF_8));

        assertEquals("{}", Files.readString(target));
    }
}
