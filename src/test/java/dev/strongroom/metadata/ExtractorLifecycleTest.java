package dev.strongroom.metadata;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.catalog.H2PassOnly;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.time.Duration;
import org.apache.tika.langdetect.opennlp.OpenNLPDetector;
import org.junit.jupiter.api.Test;

/**
 * Tika's parsers and the language model are loaded when a document needs them and released once
 * extraction has been idle for {@code release-after} (20 s in tests); the next document loads them
 * again and is extracted as before.
 */
@H2PassOnly("Tika and the language model loaded on demand and released when idle")
@QuarkusTest
class ExtractorLifecycleTest {

    private static final String TEXT = "The treasury team agreed to move the monthly reconciliation to the second "
            + "working day, and the controller receives every report before noon.\n";

    @Inject
    MetadataWorker worker;

    @Test
    void extractorsAndTheLanguageModelAreReleasedWhenIdleAndLoadedAgainForTheNextDocument() throws Exception {
        String alice = Vault.user("alice", "analyst");
        String first = Vault.upload(alice, "notes.txt", TEXT.repeat(5).getBytes()).then().statusCode(201).extract()
                .path("id");
        assertEquals("en", MetadataApiTest.awaitMetadata(alice, first).getString("metadata.language"));
        assertTrue(worker.extractorsLoaded(), "the extractor was made for the document");
        assertNotNull(languageModel(), "the language model was loaded for it");

        await().atMost(Duration.ofSeconds(120)).until(() -> !worker.extractorsLoaded());
        assertNull(languageModel(), "the language model was released with the extractors");

        String second = Vault.upload(alice, "more-notes.txt", (TEXT + "Second copy.\n").repeat(5).getBytes()).then()
                .statusCode(201).extract().path("id");
        assertEquals("en", MetadataApiTest.awaitMetadata(alice, second).getString("metadata.language"));
        assertNotNull(languageModel(), "the next document loaded the model again");
    }

    private static Object languageModel() throws Exception {
        Field model = OpenNLPDetector.class.getDeclaredField("LANG_MODEL");
        model.setAccessible(true);
        return model.get(null);
    }
}
