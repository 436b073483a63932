package org.permitwatch.mock.dataset;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An immutable view of everything the mock holds at one moment, in the list order of the contract
 * (updatedAt, then permitNo). Details are generated on access, so streaming 100,000 permits is cheap.
 */
public final class DatasetSnapshot {

    static final Comparator<StoredPermit> LIST_ORDER = Comparator.comparingLong(
                    (StoredPermit p) -> p.summary().updatedAt().toEpochSecond())
            .thenComparing(p -> p.summary().permitNo());

    /** One list page: {@code total} counts every row matching the filter, not only this page. */
    public record Page(long total, List<PermitSummary> records) {}

    private final StoredPermit[] ordered;
    private final Map<String, StoredPermit> byPermitNo;
    private final DatasetGenerator generator;

    DatasetSnapshot(StoredPermit[] sortedPermits, DatasetGenerator generator) {
        this.ordered = sortedPermits;
        this.generator = generator;
        this.byPermitNo = new HashMap<>(sortedPermits.length * 2);
        for (StoredPermit p : sortedPermits) {
            byPermitNo.put(p.summary().permitNo(), p);
        }
    }

    public int size() {
        return ordered.length;
    }

    /** All summaries in list order. */
    public List<PermitSummary> summaries() {
        return Arrays.stream(ordered).map(StoredPermit::summary).toList();
    }

    public Optional<PermitSummary> summary(String permitNo) {
        return Optional.ofNullable(byPermitNo.get(permitNo)).map(StoredPermit::summary);
    }

    /** Summary plus detail, exactly as the detail endpoint would serve it now. */
    public Optional<PlatformPermit> find(String permitNo) {
        return Optional.ofNullable(byPermitNo.get(permitNo)).map(this::toPermit);
    }

    /** Every permit with its detail, in list order; details are generated lazily while streaming. */
    public Stream<PlatformPermit> stream() {
        return Arrays.stream(ordered).map(this::toPermit);
    }

    /** Rows with {@code updatedAt >= updatedSince} (all when null), skipping {@code offset}. */
    public Page page(OffsetDateTime updatedSince, long offset, int limit) {
        int from = updatedSince == null ? 0 : firstAtOrAfter(updatedSince);
        long total = ordered.length - from;
        long start = Math.max(0, from + offset);
        if (start >= ordered.length || limit <= 0) {
            return new Page(total, List.of());
        }
        int end = (int) Math.min(ordered.length, start + limit);
        return new Page(
                total,
                Arrays.stream(ordered, (int) start, end)
                        .map(StoredPermit::summary)
                        .toList());
    }

    StoredPermit stored(String permitNo) {
        return byPermitNo.get(permitNo);
    }

    StoredPermit[] ordered() {
        return ordered;
    }

    private int firstAtOrAfter(OffsetDateTime since) {
        long target = since.toInstant().getEpochSecond();
        int lo = 0;
        int hi = ordered.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ordered[mid].summary().updatedAt().toEpochSecond() < target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private PlatformPermit toPermit(StoredPermit p) {
        return new PlatformPermit(p.summary(), generator.detail(p));
    }
}
