package org.permitwatch.inspection.penalty;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark versions shipped as data. Loaded and checked once at start-up: a broken benchmark (weights not
 * summing to 1, a min above its max, a score outside 0..1, a duplicate version id) stops the service instead of
 * producing unlawful proposals later.
 */
@Component
class BenchmarkCatalog {

    private final List<Benchmark> versions;

    @Autowired
    BenchmarkCatalog(ResourceLoader resources, JsonMapper json, PenaltyProperties properties) {
        this(load(resources.getResource(properties.benchmarkResource()), json));
    }

    BenchmarkCatalog(List<Benchmark> versions) {
        versions.forEach(BenchmarkCatalog::check);
        Set<String> ids = new HashSet<>();
        versions.forEach(v -> {
            if (!ids.add(v.id())) {
                throw new IllegalStateException("duplicate benchmark version " + v.id());
            }
        });
        this.versions = versions.stream()
                .sorted(Comparator.comparing(Benchmark::effectiveFrom).reversed())
                .toList();
        if (this.versions.isEmpty()) {
            throw new IllegalStateException("the discretion benchmark holds no version");
        }
    }

    /** The version in force on {@code day}: the latest whose effectiveFrom is not after it. */
    Optional<Benchmark> effectiveOn(LocalDate day) {
        return versions.stream().filter(v -> !v.effectiveFrom().isAfter(day)).findFirst();
    }

    Optional<Benchmark> byId(String id) {
        return versions.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    List<Benchmark> all() {
        return versions;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BenchmarkFile(List<Benchmark> versions) {}

    static List<Benchmark> load(Resource resource, JsonMapper json) {
        try (InputStream in = resource.getInputStream()) {
            return new ArrayList<>(json.readValue(in, BenchmarkFile.class).versions());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the discretion benchmark " + resource, e);
        }
    }

    private static void check(Benchmark b) {
        String at = "benchmark " + b.id() + ": ";
        require(
                b.id() != null && !b.id().isBlank() && b.effectiveFrom() != null,
                at + "id and effectiveFrom are required");
        require(
                b.rounding() != null
                        && b.rounding().unitYuan().signum() > 0
                        && b.rounding().mode() != null,
                at + "rounding needs a positive unit and a mode");
        require(b.historyWindowMonths() > 0, at + "historyWindowMonths must be positive");
        BigDecimal weights = BigDecimal.ZERO;
        for (Benchmark.Factor f : b.factors()) {
            require(f.weight().signum() >= 0, at + "negative weight of " + f.code());
            weights = weights.add(f.weight());
            require(!f.levels().isEmpty(), at + f.code() + " has no levels");
            for (Benchmark.Level l : f.levels()) {
                require(
                        l.score().signum() >= 0 && l.score().compareTo(BigDecimal.ONE) <= 0,
                        at + f.code() + "." + l.code() + " score outside 0..1");
                require(
                        !f.computed() || l.minPriorCases() != null,
                        at + f.code() + "." + l.code() + " needs minPriorCases");
            }
        }
        require(weights.compareTo(BigDecimal.ONE) == 0, at + "factor weights sum to " + weights + ", not 1");
        require(b.factor(DiscretionCalculator.HARM).isPresent(), at + "a HARM factor is required");
        require(
                b.factor(DiscretionCalculator.HISTORY)
                        .filter(Benchmark.Factor::computed)
                        .isPresent(),
                at + "a computed HISTORY factor is required");
        for (Benchmark.Adjustment a : b.adjustments()) {
            require(
                    Benchmark.Adjustment.MITIGATING.equals(a.kind())
                            || Benchmark.Adjustment.AGGRAVATING.equals(a.kind()),
                    at + "adjustment " + a.code() + " must be MITIGATING or AGGRAVATING");
            require(
                    a.percent().signum() >= 0 && a.percent().compareTo(BigDecimal.valueOf(100)) <= 0,
                    at + "adjustment " + a.code() + " percent outside 0..100");
        }
        for (Benchmark.ArticleRange r : b.articles()) {
            require(
                    r.minYuan().signum() >= 0 && r.minYuan().compareTo(r.maxYuan()) <= 0,
                    at + "article " + r.article() + " min above max");
            if (r.serious() != null && r.serious().hasRange()) {
                require(
                        r.serious().minYuan().compareTo(r.serious().maxYuan()) <= 0,
                        at + "article " + r.article() + " serious min above max");
            }
        }
        for (Benchmark.NoPenaltyRule rule : b.noPenaltyRules()) {
            require(rule.historyMonths() > 0, at + "no-penalty rule " + rule.code() + " needs historyMonths");
            require(
                    rule.historyMonths() <= b.historyWindowMonths(),
                    at + "no-penalty rule " + rule.code() + " looks back further than historyWindowMonths");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
