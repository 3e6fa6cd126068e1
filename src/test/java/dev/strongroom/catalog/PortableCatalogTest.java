package dev.strongroom.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strongroom.support.SeededRows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The read of every document behind the backup's catalog export: a document uploaded or disposed of
 * while it reads never makes it miss or repeat another, so a restore from that export has every
 * document that was there throughout.
 */
@QuarkusTest
class PortableCatalogTest {

    @Inject
    PortableCatalog catalog;

    @AfterEach
    void removeTheRowsOfThisTest() {
        SeededRows.removeAll();
    }

    @Test
    void aDocumentAddedOrRemovedBetweenTwoPagesNeitherHidesNorRepeatsAnother() {
        List<String> there = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 1; i <= 2 * PortableCatalog.PAGE + 200; i++) {
                Document d = SeededRows.document(i, "paging");
                d.persist();
                there.add(d.id);
            }
        });
        String disposed = there.get(0);
        Map<String, Integer> read = new HashMap<>();
        int[] given = { 0 };

        QuarkusTransaction.requiringNew().run(() -> catalog.forEachInIdOrder(d -> {
            read.merge(d.id(), 1, Integer::sum);
            given[0]++;
            if (given[0] == PortableCatalog.PAGE) {
                // The first page is read: another request disposes of a document it held...
                QuarkusTransaction.requiringNew().run(() -> Document.deleteById(disposed));
            } else if (given[0] == 2 * PortableCatalog.PAGE) {
                // ...and after the second, another uploads one that sorts before everything read.
                QuarkusTransaction.requiringNew().run(() -> SeededRows.document(0, "paging").persist());
            }
        }));

        List<String> missed = new ArrayList<>();
        List<String> repeated = new ArrayList<>();
        for (String id : there.subList(1, there.size())) {
            int times = read.getOrDefault(id, 0);
            if (times == 0) {
                missed.add(id);
            } else if (times > 1) {
                repeated.add(id);
            }
        }
        assertEquals(List.of(), missed, "documents in the catalog throughout the read that it missed");
        assertEquals(List.of(), repeated, "documents the read gave more than once");
    }
}
