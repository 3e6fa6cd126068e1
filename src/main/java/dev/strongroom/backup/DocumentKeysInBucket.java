package dev.strongroom.backup;

import dev.strongroom.catalog.DocumentToBackUp;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ListedObject;
import dev.strongroom.storage.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Which of a run's pending documents may already have an object in the bucket, left by an earlier
 * run that S3 confirmed but the catalog never recorded (a crash, a stop, an unreachable catalog).
 * Those, and only those, are looked at one by one ({@link DocumentUploader}) and adopted when the
 * object is the document's.
 * <p>
 * One listing of {@code documents/} (1,000 keys a request) replaces a HEAD per pending document
 * when it costs fewer requests: a run with many pending documents lists, a run with a few new
 * documents in a large bucket asks per document. S3 lists what it has stored (strongly consistent
 * since 2020), and within one vault only the run in progress writes {@code documents/}, so a key
 * absent from the listing is absent when the run uploads it.
 */
@ApplicationScoped
public class DocumentKeysInBucket {

    private static final Logger LOG = Logger.getLogger(DocumentKeysInBucket.class);
    static final int KEYS_PER_LIST_REQUEST = 1000;

    private final BackupTarget target;

    public DocumentKeysInBucket(BackupTarget target) {
        this.target = target;
    }

    /**
     * A test for "may be in the bucket" over the pending documents' ids: the listing's keys when
     * listing is cheaper than asking per document, else "yes" for every one (each is asked).
     *
     * @param documentsInCatalog every document the catalog holds, an upper bound on the keys to list
     */
    Predicate<String> mayHold(List<DocumentToBackUp> pending, long documentsInCatalog) {
        long listRequests = Math.max(1, (documentsInCatalog + KEYS_PER_LIST_REQUEST - 1) / KEYS_PER_LIST_REQUEST);
        if (pending.size() <= listRequests) {
            return id -> true;
        }
        Set<String> present = new HashSet<>();
        for (ListedObject object : target.list(ObjectKeys.DOCUMENTS)) {
            present.add(object.key().substring(ObjectKeys.DOCUMENTS.length()));
        }
        LOG.infof("Listed %d document object(s) in %s instead of %d HEAD requests", present.size(), target.location(),
                pending.size());
        return present::contains;
    }
}
