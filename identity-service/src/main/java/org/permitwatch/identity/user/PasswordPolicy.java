package org.permitwatch.identity.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The password rules (等保2.0 身份鉴别: 口令具有复杂度要求并定期更换): at least {@code minLength} characters, at least
 * {@code minClasses} of the four classes (upper, lower, digit, other), not containing the username, and not one of
 * the last {@code history} passwords (checked by the caller against the stored hashes).
 */
@ConfigurationProperties("permitwatch.identity.password")
public record PasswordPolicy(
        @DefaultValue("12") int minLength,
        @DefaultValue("3") int minClasses,
        @DefaultValue("5") int history,
        @DefaultValue("128") int maxLength) {

    /** Problems with the password itself (history is checked separately, it needs the hashes); empty = fine. */
    public List<String> problems(String password, String username) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.length() < minLength) {
            problems.add("至少 " + minLength + " 个字符");
            if (password == null) {
                return problems;
            }
        }
        if (password.length() > maxLength) {
            problems.add("至多 " + maxLength + " 个字符");
        }
        if (classes(password) < minClasses) {
            problems.add("须包含大写字母、小写字母、数字、其他符号中的至少 " + minClasses + " 类");
        }
        if (username != null
                && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            problems.add("不得包含用户名");
        }
        return problems;
    }

    static int classes(String password) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
