package org.permitwatch.mock.dataset;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The mock's mutable dataset. Readers take an immutable {@link DatasetSnapshot}; every change builds a
 * new one under a lock, so a page is always cut from one consistent state while the dataset moves.
 * Changes stamp {@code updatedAt} from the mock's clock and never move it backwards.
 */
public final class PermitStore {

    private final DatasetGenerator generator;
    private final long seed;
    private final int initialSize;
    private final Clock clock;
    private final DatasetSnapshot initial;
    private final Set<String> initialNames;

    private volatile DatasetSnapshot current;
    private Set<String> names;
    private int nextOrdinal;
    private SplittableRandom picker;

    public PermitStore(long seed, int size, Clock clock) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        this.generator = new DatasetGenerator(seed);
        this.seed = seed;
        this.initialSize = size;
        this.clock = clock;
        Set<String> taken = new HashSet<>(size * 2);
        StoredPermit[] permits = new StoredPermit[size];
        for (int i = 0; i < size; i++) {
            permits[i] = generator.generate(i, taken);
        }
        Arrays.sort(permits, DatasetSnapshot.LIST_ORDER);
        this.initial = new DatasetSnapshot(permits, generator);
        this.initialNames = Set.copyOf(taken);
        reset();
    }

    public DatasetSnapshot snapshot() {
        return current;
    }

    /** Back to the generated dataset (same seed, same data). */
    public synchronized void reset() {
        current = initial;
        names = new HashSet<>(initialNames);
        nextOrdinal = initialSize;
        picker = new SplittableRandom(DatasetGenerator.mix(seed, -1));
    }

    /**
     * Content updates: version + 1, updatedAt = now, new legal representative and annual tonnage in the
     * detail. Picks {@code n} distinct permits at random (reproducibly for a given sequence of calls).
     */
    public synchronized List<String> update(int n) {
        List<StoredPermit> picked = pick(n, p -> true);
        Map<String, StoredPermit> changed = new HashMap<>();
        for (StoredPermit p : picked) {
            PermitSummary s = p.summary();
            PermitSummary next = s.withChange(s.status(), s.issueDate(), s.validFrom(), s.validTo(), stamp(s));
            changed.put(s.permitNo(), new StoredPermit(next, p.detailSeed(), p.revision() + 1));
        }
        apply(changed, List.of());
        return List.copyOf(changed.keySet());
    }

    /**
     * Status changes of valid permits: permits become 过期 (validity moved into the past), 撤销, 注销 or
     * 吊销; registration receipts become 注销.
     */
    public synchronized List<String> changeStatus(int n) {
        List<StoredPermit> picked =
                pick(n, p -> PermitSummary.STATUS_VALID.equals(p.summary().status()));
        Map<String, StoredPermit> changed = new HashMap<>();
        LocalDate today = LocalDate.now(clock.withZone(DatasetGenerator.CHINA));
        for (StoredPermit p : picked) {
            PermitSummary s = p.summary();
            PermitSummary next;
            if (s.isRegistration()) {
                next = s.withChange(PermitSummary.STATUS_CANCELLED, s.issueDate(), null, null, stamp(s));
            } else {
                String status = switch (picker.nextInt(4)) {
                    case 0 -> PermitSummary.STATUS_EXPIRED;
                    case 1 -> PermitSummary.STATUS_REVOKED;
                    case 2 -> PermitSummary.STATUS_CANCELLED;
                    default -> PermitSummary.STATUS_WITHDRAWN;
                };
                if (PermitSummary.STATUS_EXPIRED.equals(status)) {
                    LocalDate to = today.minusDays(1);
                    LocalDate from = to.minusYears(5).plusDays(1);
                    next = s.withChange(status, from, from, to, stamp(s));
                } else {
                    next = s.withChange(status, s.issueDate(), s.validFrom(), s.validTo(), stamp(s));
                }
            }
            changed.put(s.permitNo(), new StoredPermit(next, p.detailSeed(), p.revision()));
        }
        apply(changed, List.of());
        return List.copyOf(changed.keySet());
    }

    /** Newly issued permits (status 有效, version 1, updatedAt = now). */
    public synchronized List<String> addNew(int n) {
        Map<String, StoredPermit> added = new HashMap<>();
        OffsetDateTime now = now();
        for (int i = 0; i < n; i++) {
            StoredPermit p = generator.generateNew(nextOrdinal++, names, now);
            added.put(p.summary().permitNo(), p);
        }
        apply(added, List.of());
        return List.copyOf(added.keySet());
    }

    /** Touch the given permits (version + 1, updatedAt = now) without other changes: they move to the end. */
    public synchronized List<String> touch(List<String> permitNos) {
        Map<String, StoredPermit> changed = new HashMap<>();
        for (String no : permitNos) {
            StoredPermit p = current.stored(no);
            if (p != null) {
                PermitSummary s = p.summary();
                changed.put(
                        no,
                        new StoredPermit(
                                s.withChange(s.status(), s.issueDate(), s.validFrom(), s.validTo(), stamp(s)),
                                p.detailSeed(),
                                p.revision() + 1));
            }
        }
        apply(changed, List.of());
        return List.copyOf(changed.keySet());
    }

    /** The permit disappears from the platform (list and detail). */
    public synchronized boolean delete(String permitNo) {
        if (current.stored(permitNo) == null) {
            return false;
        }
        apply(Map.of(), List.of(permitNo));
        return true;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock)
                .withOffsetSameInstant(DatasetGenerator.CHINA)
                .truncatedTo(ChronoUnit.SECONDS);
    }

    /** "now", but strictly after the previous stamp so a change always moves the row forward. */
    private OffsetDateTime stamp(PermitSummary s) {
        OffsetDateTime now = now();
        return now.isAfter(s.updatedAt()) ? now : s.updatedAt().plusSeconds(1);
    }

    private List<StoredPermit> pick(int n, java.util.function.Predicate<StoredPermit> eligible) {
        StoredPermit[] all = current.ordered();
        List<StoredPermit> candidates = new ArrayList<>();
        for (StoredPermit p : all) {
            if (eligible.test(p)) {
                candidates.add(p);
            }
        }
        int count = Math.min(n, candidates.size());
        // partial Fisher–Yates: the first `count` slots end up a uniform random choice
        for (int i = 0; i < count; i++) {
            int j = i + picker.nextInt(candidates.size() - i);
            StoredPermit tmp = candidates.get(i);
            candidates.set(i, candidates.get(j));
            candidates.set(j, tmp);
        }
        return candidates.subList(0, count);
    }

    private void apply(Map<String, StoredPermit> upserts, List<String> deletes) {
        if (upserts.isEmpty() && deletes.isEmpty()) {
            return;
        }
        StoredPermit[] old = current.ordered();
        List<StoredPermit> next = new ArrayList<>(old.length + upserts.size());
        Set<String> removed = new HashSet<>(deletes);
        for (StoredPermit p : old) {
            String no = p.summary().permitNo();
            if (!removed.contains(no) && !upserts.containsKey(no)) {
                next.add(p);
            }
        }
        next.addAll(upserts.values());
        StoredPermit[] arr = next.toArray(new StoredPermit[0]);
        Arrays.sort(arr, DatasetSnapshot.LIST_ORDER);
        current = new DatasetSnapshot(arr, generator);
    }
}
