package org.permitwatch.support.security;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A 6-digit Chinese administrative division code (行政区划代码): two digits province, two city, two county.
 * Data scope compares prefixes: a caller at 140100 sees every row whose code starts with "1401".
 */
public final class DivisionCode {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    private final String value;

    private DivisionCode(String value) {
        this.value = value;
    }

    /** Parses a code; throws {@link IllegalArgumentException} unless it is exactly six digits and names a province. */
    public static DivisionCode of(String value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException(
                    "division code must be 6 digits with a non-zero province part: " + value);
        }
        return new DivisionCode(value);
    }

    /** Whether {@link #of(String)} would accept the value. */
    public static boolean isValid(String value) {
        return value != null && SIX_DIGITS.matcher(value).matches() && !value.startsWith("00");
    }

    public String value() {
        return value;
    }

    /** The code without trailing "00" pairs: 140000 → "14", 140100 → "1401", 140105 → "140105". */
    public String prefix() {
        String p = value;
        while (p.length() > 2 && p.endsWith("00")) {
            p = p.substring(0, p.length() - 2);
        }
        return p;
    }

    /** A SQL {@code LIKE} pattern for the rows inside this division (digits only, so nothing to escape). */
    public String likePattern() {
        return prefix() + "%";
    }

    /** Whether {@code other} lies inside this division (a division contains itself). */
    public boolean contains(DivisionCode other) {
        return other != null && other.value.startsWith(prefix());
    }

    /** Convenience for row codes read from the database; false when the row code is malformed. */
    public boolean contains(String otherCode) {
        return isValid(otherCode) && contains(new DivisionCode(otherCode));
    }

    public DivisionCode provinceCode() {
        return new DivisionCode(value.substring(0, 2) + "0000");
    }

    /** The city (prefecture) of this code; a province code returns itself. */
    public DivisionCode cityCode() {
        if (level() == Level.PROVINCE) {
            return this;
        }
        return new DivisionCode(value.substring(0, 4) + "00");
    }

    public Level level() {
        return switch (prefix().length()) {
            case 2 -> Level.PROVINCE;
            case 4 -> Level.CITY;
            default -> Level.COUNTY;
        };
    }

    public enum Level {
        PROVINCE,
        CITY,
        COUNTY
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DivisionCode other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
