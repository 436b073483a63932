package org.permitwatch.identity.token;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.security.RoleLevels;

/**
 * The extra token-request parameters of {@code permitwatch-local-cli} ({@code ./run.sh token ROLE DIVISION}). Checked
 * with the platform's own rules (RoleLevels, DivisionCode, the maximum lifetime) so the script gets a clear error
 * instead of a token every service would refuse.
 */
public record LocalCliRequest(Role role, DivisionCode division, String subject, String name, Duration ttl) {

    static final Duration DEFAULT_TTL = Duration.ofHours(8);
    private static final Pattern SHORT_TTL = Pattern.compile("(\\d{1,6})([smh])");

    /** Parses and validates; the exception message lists every problem, naming the parameter. */
    public static LocalCliRequest parse(Map<String, Object> parameters, Duration maxTtl) {
        List<String> problems = new ArrayList<>();
        String roleText = text(parameters, "role");
        String divisionText = text(parameters, "division");
        Role role = null;
        DivisionCode division = null;
        if (roleText == null) {
            problems.add("role: required (PROVINCE, CITY, COUNTY or INSPECTOR)");
        } else {
            role = Role.fromClaim(roleText).orElse(null);
            if (role == null) {
                problems.add("role: unknown role, expected PROVINCE, CITY, COUNTY or INSPECTOR");
            }
        }
        if (divisionText == null) {
            problems.add("division: required (a 6-digit division code)");
        } else if (!DivisionCode.isValid(divisionText)) {
            problems.add("division: must be 6 digits with a non-zero province part");
        } else {
            division = DivisionCode.of(divisionText);
        }
        if (role != null && division != null && !RoleLevels.fits(role, division)) {
            problems.add("role: " + role + " cannot be held at a "
                    + division.level().name().toLowerCase(Locale.ROOT) + "-level division (token policy RoleLevels)");
        }
        Duration ttl = DEFAULT_TTL;
        String ttlText = text(parameters, "ttl");
        if (ttlText != null) {
            ttl = ttl(ttlText);
            if (ttl == null) {
                problems.add("ttl: an ISO-8601 duration (PT8H) or 8h, 30m, 90s");
            } else if (ttl.isZero() || ttl.isNegative()) {
                problems.add("ttl: must be positive");
            } else if (ttl.compareTo(maxTtl) > 0) {
                problems.add("ttl: at most " + maxTtl.toString().substring(2).toLowerCase(Locale.ROOT)
                        + " (the platform's maximum token lifetime)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        String defaultName = role.name().toLowerCase(Locale.ROOT) + "-" + division.value();
        String subject = text(parameters, "sub");
        String name = text(parameters, "name");
        return new LocalCliRequest(
                role,
                division,
                subject == null ? defaultName : subject,
                name == null ? "Local " + role.name().toLowerCase(Locale.ROOT) + " " + division.value() : name,
                ttl);
    }

    static Duration ttl(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_TTL.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(Map<String, Object> parameters, String name) {
        Object value = parameters.get(name);
        if (value instanceof String[] array) {
            value = array.length == 0 ? null : array[0];
        }
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        return value.toString().trim();
    }
}
