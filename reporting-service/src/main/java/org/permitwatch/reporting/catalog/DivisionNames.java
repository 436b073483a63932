package org.permitwatch.reporting.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Names of division codes (太原市, 小店区 …) from the configurable data file; an unknown code shows as itself. */
@Component
public class DivisionNames {

    private final Map<String, String> names;

    public DivisionNames(ReportingProperties properties, JsonMapper json) {
        try (InputStream in = properties.divisionNames().getInputStream()) {
            JsonNode root = json.readTree(in);
            Map<String, String> loaded = new TreeMap<>();
            root.path("names")
                    .properties()
                    .forEach(e -> loaded.put(e.getKey(), e.getValue().asString()));
            if (loaded.isEmpty()) {
                throw new IllegalStateException("no division names in " + properties.divisionNames());
            }
            this.names = Map.copyOf(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read division names " + properties.divisionNames(), e);
        }
    }

    public String nameOf(String code) {
        return code == null ? "" : names.getOrDefault(code, code);
    }

    /** The city codes (xxxx00, not the province) known to the data file, ascending. */
    public List<String> cityCodes(String provinceCode) {
        String prefix = provinceCode.substring(0, 2);
        return names.keySet().stream()
                .filter(c -> c.startsWith(prefix) && c.endsWith("00") && !c.endsWith("0000"))
                .sorted()
                .toList();
    }

    /** The county-level codes (xxxxyy, yy ≠ 00) of a city known to the data file, ascending. */
    public List<String> countyCodes(String cityCode) {
        String prefix = cityCode.substring(0, 4);
        return names.keySet().stream()
                .filter(c -> c.startsWith(prefix) && !c.endsWith("00"))
                .sorted()
                .toList();
    }
}
