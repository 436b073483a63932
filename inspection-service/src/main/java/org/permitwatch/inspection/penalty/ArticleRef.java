package org.permitwatch.inspection.penalty;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an article reference of the Regulation in either form a case can carry: the benchmark's short form
 * ({@code 34}, {@code 34(1)}, from remote checks and the benchmark data) or the checklist's official Chinese text
 * ({@code 第三十四条第（一）项}, copied from the checklist item into the finding and the case). A reference naming
 * several articles ({@code 第三十四条第（二）项、第三十六条}) is read as its first one: the checklist lists the
 * heavier article first, and the case's explanation keeps the full text.
 */
final class ArticleRef {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,3})(?:\\((\\d{1,2})\\))?");
    private static final Pattern CHINESE =
            Pattern.compile("第([零〇一二三四五六七八九十百\\d]+)条(?:第?[（(]([零〇一二三四五六七八九十\\d]+)[）)]项?)?");
    private static final String DIGITS = "零一二三四五六七八九";

    private ArticleRef() {}

    /** The short form ({@code 34} or {@code 34(1)}), or the trimmed input when it is neither form. */
    static String normalize(String article) {
        if (article == null) {
            return null;
        }
        String s = article.trim().replace('（', '(').replace('）', ')');
        if (SHORT.matcher(s).matches()) {
            return s;
        }
        Matcher m = CHINESE.matcher(article.trim());
        if (!m.lookingAt()) {
            return article.trim();
        }
        int no = number(m.group(1));
        return m.group(2) == null ? Integer.toString(no) : no + "(" + number(m.group(2)) + ")";
    }

    /** The article without its paragraph: {@code 34(1)} → {@code 34}. */
    static String base(String normalized) {
        if (normalized == null) {
            return null;
        }
        int paren = normalized.indexOf('(');
        return paren < 0 ? normalized : normalized.substring(0, paren);
    }

    /** Chinese numerals up to 999 (三十四, 四十三, 一百零二) or plain digits. */
    private static int number(String s) {
        if (s.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(s);
        }
        int total = 0;
        int digit = 0;
        for (char c : s.toCharArray()) {
            int d = c == '〇' ? 0 : DIGITS.indexOf(c);
            if (d >= 0) {
                digit = d;
            } else if (c == '十') {
                total += (digit == 0 ? 1 : digit) * 10;
                digit = 0;
            } else if (c == '百') {
                total += digit * 100;
                digit = 0;
            }
        }
        return total + digit;
    }
}
