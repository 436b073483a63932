package org.permitwatch.reporting.disclosure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * 随机抽查事项清单: what a random check covers, on what basis, by whom and how (the first thing 一公开 makes public,
 * before any draw). Data from the seed's ten key tasks, loaded once at start-up; reporting sees no checklist events,
 * and the ten items are the notice's, not a city's additions.
 */
@Component
class SpotCheckItems {

    private static final String LOCATION = "reporting/spot-check-items.json";

    private final PublicViews.SpotCheckList list;

    SpotCheckItems(JsonMapper json) {
        try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
            this.list = json.readValue(in, PublicViews.SpotCheckList.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCATION, e);
        }
        if (list.items() == null || list.items().isEmpty()) {
            throw new IllegalStateException(LOCATION + " lists no items");
        }
    }

    PublicViews.SpotCheckList list() {
        return list;
    }

    List<PublicViews.SpotCheckItem> items() {
        return list.items();
    }
}
