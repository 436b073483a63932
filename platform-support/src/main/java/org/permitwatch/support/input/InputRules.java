package org.permitwatch.support.input;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The platform-wide rules for what a request may carry, in one place. Applied to every service by
 * {@link InputAutoConfiguration}: JSON request bodies (every string and date, however deeply nested), query
 * parameters and path segments.
 *
 * <h2>Text</h2>
 * No C0 control character (U+0000–U+001F) except TAB, LF and CR, and no unpaired UTF-16 surrogate. NUL is refused by
 * PostgreSQL in {@code text} and {@code jsonb} (a 500 before this rule); the other control characters have no place in
 * names, notes or codes and break the XLSX/CSV exports and mail headers we build from them. TAB, LF and CR stay
 * because notes, summaries and remarks are legitimately multi-line. An unpaired surrogate cannot be encoded as UTF-8
 * and would be silently stored as '?'.
 *
 * <h2>Dates</h2>
 * Every date and time in a request must fall within {@value #EARLIEST_YEAR}-01-01 .. {@value #LATEST_YEAR}-12-31
 * (instants and offset times compared in UTC, so the bound is exact whatever the offset). Java accepts years
 * ±999,999,999, PostgreSQL {@code date}/{@code timestamptz} only 4713 BC .. 5874897/294276 AD, so the extremes were a
 * 500. Inside what PostgreSQL can store, the lower bound is the first whole year of the People's Republic: no record
 * this platform keeps — permits (national system since 2016, local pilots since 1988), inspections, cases, deadlines,
 * clues — can predate its environmental administration (the 1979 law), so 1900 or 1949 is a typo or a probe, and a
 * whole year keeps one answer for every type (a month 1949-12 or a year 1949 has no partial case). Nothing is
 * scheduled beyond 2999. Fields with a tighter meaning add {@link PlausibleDate}.
 */
public final class InputRules {

    public static final int EARLIEST_YEAR = 1950;
    public static final int LATEST_YEAR = 2999;
    public static final LocalDate EARLIEST_DATE = LocalDate.of(EARLIEST_YEAR, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(LATEST_YEAR, 12, 31);

    /** The bureaus' calendar: a date-time's day for {@link PlausibleDate} is the day in Shanxi. */
    // checkstyle:ignore zoneLiteral — bean validation reaches no bean; a plausibility window is years wide
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public static final String TEXT_MESSAGE = "must not contain control characters";
    public static final String DATE_MESSAGE = "must be between " + EARLIEST_DATE + " and " + LATEST_DATE;

    private static final Clock CLOCK = Clock.system(ZONE);

    private InputRules() {}

    /** True when {@code text} holds a character the text rule refuses. */
    public static boolean hasForbiddenCharacter(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** True when a year lies within the global window. */
    public static boolean yearAllowed(long year) {
        return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
    }

    static Clock clock() {
        return CLOCK;
    }
}
