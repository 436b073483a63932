package org.permitwatch.support.workday;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the yearly files into {@link WorkdayCalendar}: the shipped ones (classpath) and the operators' ones at
 * {@code permitwatch.workdays.location} (e.g. {@code file:/etc/permitwatch/workdays/*.json}, a ConfigMap in
 * Kubernetes, {@code config/workdays/} locally), re-read by {@link #reload()} on a schedule so a year published in
 * November/December takes effect without a redeploy (docs/operations/workday-calendar.md).
 *
 * <p>A bad external file is refused loudly (ERROR log, {@link #rejectedFiles()} for the gauge) and changes nothing:
 * the version of that file last accepted stays in force, and so does every other year. An external year replaces the
 * shipped one of the same year (a correction by the State Council, as in 2020, must not wait for a release).
 */
public final class WorkdayFiles {

    private static final Logger log = LoggerFactory.getLogger(WorkdayFiles.class);

    /** A file named like {@code cn-2027.json} must hold 2027. */
    private static final Pattern YEAR_IN_NAME = Pattern.compile("(?<!\\d)((?:19|20|21)\\d{2})(?!\\d)");

    private final JsonMapper json;
    private final List<WorkdayYear> shipped;
    private final String location;
    private final WorkdayCalendar calendar;
    private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    /** The last accepted content of each external file, by file name. */
    private final Map<String, WorkdayYear> accepted = new TreeMap<>();

    private volatile int rejectedFiles;

    /**
     * Reads the shipped years and, when {@code location} is set, the external ones (a bad external file is refused
     * and logged, never fatal: the shipped years still load).
     */
    public WorkdayFiles(JsonMapper json, String location) {
        this.json = json;
        this.shipped = WorkdayCalendar.classpathYears(json);
        this.location = location == null || location.isBlank() ? null : location.trim();
        this.calendar = new WorkdayCalendar(shipped);
        reload();
    }

    public WorkdayCalendar calendar() {
        return calendar;
    }

    /** External files refused at the last reload (0 when all were accepted). */
    public int rejectedFiles() {
        return rejectedFiles;
    }

    /**
     * Re-reads the external location and replaces the calendar's years when they changed. Synchronized: the
     * scheduler and a test may call it at once. Returns the years loaded afterwards.
     */
    public synchronized java.util.SortedSet<Integer> reload() {
        if (location == null) {
            return calendar.years();
        }
        Resource[] files;
        try {
            files = resolver.getResources(location);
        } catch (IOException e) {
            log.error(
                    "working-day calendar: cannot list {}; keeping the years loaded {}", location, calendar.years(), e);
            rejectedFiles = 1;
            return calendar.years();
        }
        Arrays.sort(files, Comparator.comparing(f -> Objects.toString(f.getFilename(), "")));
        Map<String, WorkdayYear> now = new LinkedHashMap<>();
        Map<Integer, String> fileOfYear = new TreeMap<>();
        int rejected = 0;
        for (Resource file : files) {
            String name = file.getFilename();
            WorkdayYear year;
            try (InputStream in = file.getInputStream()) {
                year = parse(json, name, in);
            } catch (IOException | RuntimeException e) {
                rejected++;
                year = accepted.get(name);
                log.error(
                        "working-day calendar: REFUSED {} ({}); {}",
                        file.getDescription(),
                        e.getMessage(),
                        year == null
                                ? "no earlier version of it was loaded"
                                : "its earlier version (" + year.year() + ") stays in force");
                if (year == null) {
                    continue;
                }
            }
            String other = fileOfYear.putIfAbsent(year.year(), name);
            if (other != null) {
                rejected++;
                log.error(
                        "working-day calendar: REFUSED {}: year {} is already given by {}",
                        file.getDescription(),
                        year.year(),
                        other);
                continue;
            }
            now.put(name, year);
        }
        rejectedFiles = rejected;
        Map<Integer, WorkdayYear> years = new TreeMap<>();
        shipped.forEach(y -> years.put(y.year(), y));
        now.values().forEach(y -> years.put(y.year(), y));
        accepted.clear();
        accepted.putAll(now);
        if (!years.equals(calendar.arrangements())) {
            java.util.SortedSet<Integer> before = calendar.years();
            calendar.replace(new ArrayList<>(years.values()));
            log.info(
                    "working-day calendar: years {} loaded (before: {}) from the classpath and {}",
                    calendar.years(),
                    before,
                    location);
            shipped.stream()
                    .filter(y -> !y.equals(years.get(y.year())))
                    .forEach(y -> log.warn(
                            "working-day calendar: the file at {} replaces the shipped arrangement of {}",
                            location,
                            y.year()));
        }
        return calendar.years();
    }

    /** One yearly file, validated ({@link WorkdayYear}'s rules and the year in its name); throws with the file's name. */
    static WorkdayYear parse(JsonMapper json, String name, InputStream in) {
        WorkdayYear year;
        try {
            year = json.readValue(in, WorkdayYear.class);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IllegalStateException("working-day calendar " + name + ": " + root.getMessage(), e);
        }
        if (year == null) {
            throw new IllegalStateException("working-day calendar " + name + ": empty file");
        }
        if (name != null) {
            Matcher m = YEAR_IN_NAME.matcher(name);
            if (m.find() && Integer.parseInt(m.group(1)) != year.year()) {
                throw new IllegalStateException("working-day calendar " + name + ": the file name says " + m.group(1)
                        + " but it holds " + year.year());
            }
        }
        return year;
    }
}
