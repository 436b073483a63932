package org.permitwatch.k8spolicy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The observability component (k8s/components/observability, ADR 0043) as the prod overlay renders it: the alert
 * rules and dashboards parse, every rule is complete, and every metric they name is in {@code exposed-metrics.txt}
 * (the list the services' scrape tests check against a real {@code /actuator/prometheus}), so a renamed meter cannot
 * leave a dashboard or an alert silently empty.
 */
class ObservabilityAsCodeTest {

    private static final Path COMPONENT = Repository.root().resolve("k8s/components/observability");
    private static final Set<String> PROMQL_WORDS = Set.of(
            "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static RenderedOverlay prod;

    @BeforeAll
    static void render() {
        prod = RenderedOverlay.parse(
                "prod", Kubectl.fromEnvironment().kustomize(Repository.root().resolve("k8s/overlays/prod")));
    }

    @Test
    void prodScrapesEveryServiceOnItsManagementPort() {
        List<Manifest> monitors = prod.ofKind("PodMonitor").toList();
        assertThat(monitors).hasSize(1);
        Manifest monitor = monitors.get(0);
        assertThat(monitor.string("spec", "podMetricsEndpoints", 0, "port")).contains("management");
        assertThat(monitor.string("spec", "podMetricsEndpoints", 0, "path")).contains("/actuator/prometheus");
        assertThat(monitor.string("spec", "selector", "matchLabels", "app.kubernetes.io/component"))
                .contains("service");
        assertThat(monitor.string("metadata", "namespace")).contains("permitwatch");
    }

    @Test
    void everyAlertRuleIsCompleteAndNamesOnlyExposedMetrics() throws IOException {
        List<Manifest> rules = prod.ofKind("PrometheusRule").toList();
        assertThat(rules).hasSize(1);
        List<String> expressions = new ArrayList<>();
        List<Object> groups = rules.get(0).list("spec", "groups");
        assertThat(groups).isNotEmpty();
        Set<String> alertNames = new TreeSet<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Object> groupRules = rules.get(0).list("spec", "groups", g, "rules");
            assertThat(groupRules).as("rules of group %d", g).isNotEmpty();
            for (int r = 0; r < groupRules.size(); r++) {
                Manifest m = rules.get(0);
                String alert =
                        m.string("spec", "groups", g, "rules", r, "alert").orElse("");
                assertThat(alert).as("group %d rule %d: alert", g, r).isNotBlank();
                assertThat(alertNames.add(alert))
                        .as("alert %s is defined once", alert)
                        .isTrue();
                assertThat(m.string("spec", "groups", g, "rules", r, "labels", "severity"))
                        .as("%s: severity", alert)
                        .hasValueSatisfying(s -> assertThat(s).isIn("warning", "critical"));
                assertThat(m.string("spec", "groups", g, "rules", r, "annotations", "summary"))
                        .as("%s: summary", alert)
                        .isPresent();
                String expr = m.string("spec", "groups", g, "rules", r, "expr").orElse("");
                assertBalanced(alert, expr);
                expressions.add(expr);
            }
        }
        assertThat(alertNames).contains("PermitSyncStale", "OutboxBacklog", "KafkaConsumerLag");
        assertThat(metricNames(expressions)).isSubsetOf(exposedMetrics());
    }

    @Test
    void dashboardsParseAndNameOnlyExposedMetrics() throws IOException {
        Manifest configMap = prod.ofKind("ConfigMap")
                .filter(m -> m.name().equals("permitwatch-dashboards"))
                .findFirst()
                .orElseThrow();
        assertThat(configMap.string("metadata", "labels", "grafana_dashboard")).contains("1");
        Map<String, Object> files = configMap.map("data");
        assertThat(files.keySet()).containsExactlyInAnyOrder("permitwatch-business.json", "permitwatch-services.json");
        List<String> expressions = new ArrayList<>();
        Set<String> uids = new TreeSet<>();
        for (Map.Entry<String, Object> file : files.entrySet()) {
            JsonNode dashboard = new ObjectMapper().readTree(String.valueOf(file.getValue()));
            assertThat(uids.add(dashboard.path("uid").asText()))
                    .as("%s: unique uid", file.getKey())
                    .isTrue();
            assertThat(dashboard.path("title").asText()).isNotBlank();
            assertThat(dashboard.path("panels").size())
                    .as("%s: panels", file.getKey())
                    .isPositive();
            for (JsonNode panel : dashboard.path("panels")) {
                assertThat(panel.path("targets").size())
                        .as("%s: targets", panel.path("title"))
                        .isPositive();
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    assertBalanced(panel.path("title").asText(), expr);
                    expressions.add(expr);
                }
            }
        }
        Set<String> used = metricNames(expressions);
        assertThat(used).contains("permitwatch_outbox_backlog", "permitwatch_sync_last_success_timestamp_seconds");
        assertThat(used).isSubsetOf(exposedMetrics());
    }

    @Test
    void metricNamesAreReadOffPromQl() {
        // The extraction itself: functions, aggregations, label names, matchers and ranges are not metrics.
        assertThat(metricNames(
                        List.of("sum by (application) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m]))"
                                + " / time() - max(permitwatch_sync_runs_paused) > 26 * 3600")))
                .containsExactlyInAnyOrder("http_server_requests_seconds_count", "permitwatch_sync_runs_paused");
    }

    static Set<String> metricNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions) {
            String stripped = expr.replaceAll("\"[^\"]*\"", "\"\"")
                    .replaceAll("\\{[^}]*}", " ")
                    .replaceAll("\\[[^]]*]", " ");
            stripped = GROUPING.matcher(stripped).replaceAll(" ");
            Matcher m = IDENTIFIER.matcher(stripped);
            while (m.find()) {
                String word = m.group();
                String rest = stripped.substring(m.end()).stripLeading();
                boolean isCall = rest.startsWith("(");
                if (!isCall && !PROMQL_WORDS.contains(word)) {
                    names.add(word);
                }
            }
        }
        return names;
    }

    private static Set<String> exposedMetrics() throws IOException {
        return Files.readAllLines(COMPONENT.resolve("exposed-metrics.txt")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")[1])
                .collect(Collectors.toSet());
    }

    private static void assertBalanced(String what, String expr) {
        assertThat(expr).as("%s: expression", what).isNotBlank();
        int depth = 0;
        for (char c : expr.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            assertThat(depth).as("%s: parentheses of %s", what, expr).isNotNegative();
        }
        assertThat(depth).as("%s: parentheses of %s", what, expr).isZero();
    }
}
