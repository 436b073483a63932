package org.permitwatch.mock.dataset;

/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015) helpers: the 18th character is a check
 * character over the first 17, and characters 9–17 are an organisation code (GB 11714) whose 9th
 * character is itself a check digit.
 */
public final class Uscc {

    /** GB 32100 character set: digits and capitals without I, O, S, V, Z. */
    public static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private Uscc() {}

    /** The GB 32100 check character for the first 17 characters. */
    public static char checkChar(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("need 17 characters: " + first17);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = CHARSET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("not a USCC character: " + first17.charAt(i));
            }
            sum += v * USCC_WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return CHARSET.charAt(c == 31 ? 0 : c);
    }

    /** The GB 11714 check character (0–9 or X) of an 8-character organisation code body. */
    public static char orgCheckChar(String body8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char ch = body8.charAt(i);
            int v = Character.isDigit(ch) ? ch - '0' : ch - 'A' + 10;
            sum += v * ORG_WEIGHTS[i];
        }
        int c = 11 - sum % 11;
        return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
    }

    public static boolean isValid(String uscc) {
        if (uscc == null || uscc.length() != 18) {
            return false;
        }
        for (int i = 0; i < 18; i++) {
            if (CHARSET.indexOf(uscc.charAt(i)) < 0) {
                return false;
            }
        }
        return checkChar(uscc.substring(0, 17)) == uscc.charAt(17);
    }
}
