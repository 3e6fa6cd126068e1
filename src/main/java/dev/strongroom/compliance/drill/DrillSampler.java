package dev.strongroom.compliance.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Picks a drill's sample from the backed-up documents in upload order: the list is cut into equal
 * strata of upload time and each gives its share at random, so the sample always reaches back to
 * the oldest documents as well as the newest, which a plain random pick of a few percent may not.
 */
final class DrillSampler {

    private DrillSampler() {
    }

    /** The sample size: the share of the population, at least {@code min}, never more than there are. */
    static int size(int population, double ratio, int min) {
        int share = (int) Math.ceil(population * Math.max(0, ratio));
        return Math.min(population, Math.max(min, share));
    }

    /** {@code size} distinct items of {@code ordered} (oldest first), spread over {@code strata} strata. */
    static <T> List<T> pick(List<T> ordered, int size, int strata, RandomGenerator random) {
        int n = ordered.size();
        int count = Math.min(size, n);
        int k = Math.max(1, Math.min(strata, count));
        List<T> sample = new ArrayList<>(count);
        for (int s = 0; s < k; s++) {
            int from = (int) ((long) n * s / k);
            int to = (int) ((long) n * (s + 1) / k);
            int want = count * (s + 1) / k - count * s / k;
            List<Integer> ranks = new ArrayList<>();
            for (int i = from; i < to; i++) {
                ranks.add(i);
            }
            // A partial Fisher-Yates shuffle: the first `want` ranks are a uniform pick of the stratum.
            for (int i = 0; i < want && i < ranks.size(); i++) {
                int j = i + random.nextInt(ranks.size() - i);
                Integer swap = ranks.get(i);
                ranks.set(i, ranks.get(j));
                ranks.set(j, swap);
                sample.add(ordered.get(ranks.get(i)));
            }
        }
        return sample;
    }
}
