package dev.strongroom.jobs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The last few jobs of a kind that lives only in memory (the audit trail is their record), by id. */
public final class RecentJobs<J> {

    private final int keep;
    private final Map<String, J> jobs = new LinkedHashMap<>();

    public RecentJobs(int keep) {
        this.keep = keep;
    }

    /** Remembers a new job, forgetting the oldest beyond the last {@code keep}. */
    public synchronized void remember(String id, J job) {
        jobs.put(id, job);
        while (jobs.size() > keep) {
            jobs.remove(jobs.keySet().iterator().next());
        }
    }

    public synchronized Optional<J> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public synchronized List<J> newestFirst() {
        List<J> newest = new ArrayList<>(jobs.values());
        Collections.reverse(newest);
        return newest;
    }
}
