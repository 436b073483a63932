package org.permitwatch.inspection.penalty;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.cases.penalty.*}.
 *
 * @param benchmarkResource the versioned discretion benchmark (JSON, see docs/inspection/cases.md)
 */
@Validated
@ConfigurationProperties("permitwatch.cases.penalty")
record PenaltyProperties(@NotBlank String benchmarkResource) {

    PenaltyProperties {
        benchmarkResource = benchmarkResource == null || benchmarkResource.isBlank()
                ? "classpath:enforcement/discretion-benchmark.json" : benchmarkResource;
    }
}
