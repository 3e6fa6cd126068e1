package dev.strongroom.metadata;

import dev.strongroom.StartupOrder;
import dev.strongroom.catalog.DocumentMetadata;
import dev.strongroom.metadata.extract.Sidecar;
import dev.strongroom.metadata.extract.SidecarJson;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A catalog export carries each document's sidecar but not the columns an extraction fills from it (title,
 * author, vendor, the excerpt search reads, the receipt fields and their review state): a document restored
 * from a backup gets them here, at the first start, from the sidecar it came with, so search, the receipt filters
 * and the review queue find it as they did before. The whole text an extraction read is not in a backup: search
 * finds a restored document by the excerpt its sidecar keeps. This runs before written-ahead corrections are
 * replayed, which put a person's values over the extracted ones, as on the vault that was backed up.
 */
@ApplicationScoped
public class SidecarColumns {

    private static final Logger LOG = Logger.getLogger(SidecarColumns.class);
    private static final int PAGE = 500;
    private static final int PROGRESS_EVERY = 20 * PAGE;

    private final MetadataCatalog catalog;

    public SidecarColumns(MetadataCatalog catalog) {
        this.catalog = catalog;
    }

    void fillAtStart(@Observes @Priority(StartupOrder.SIDECAR_COLUMNS) StartupEvent event) {
        fill();
    }

    /** Fills every document added from a backup whose columns are still empty, a page per transaction. */
    public void fill() {
        long filled = 0;
        long longer = 0;
        long reportAt = PROGRESS_EVERY;
        String after = null;
        List<DocumentMetadata.Unread> page;
        do {
            page = catalog.unreadSidecars(after, PAGE);
            Map<String, Sidecar> sidecars = new LinkedHashMap<>();
            for (DocumentMetadata.Unread row : page) {
                try {
                    Sidecar sidecar = SidecarJson.read(row.json());
                    sidecars.put(row.id(), sidecar);
                    if (sidecar.textChars() != null && sidecar.textChars() > MetadataCatalog.TEXT_CHARS) {
                        longer++;
                    }
                } catch (IllegalArgumentException e) {
                    LOG.warnf("Document %s came from a backup with a sidecar this version cannot read (%s): only its "
                            + "name, description and tags are searchable", row.id(), e.getMessage());
                }
            }
            filled += catalog.fillFromSidecars(sidecars);
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).id();
            }
            if (filled >= reportAt) {
                LOG.infof("Filled the searchable fields of %d document(s) from their sidecars so far", filled);
                reportAt += PROGRESS_EVERY;
            }
        } while (page.size() == PAGE);
        if (filled > 0) {
            LOG.infof("Filled the searchable fields of %d document(s) from the sidecars they came with from a backup; "
                    + "%d read longer than the %d characters a sidecar keeps, and search finds those by their first "
                    + "%d (docs/search.md)", filled, longer, MetadataCatalog.TEXT_CHARS, MetadataCatalog.TEXT_CHARS);
        }
    }
}
