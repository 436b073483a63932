package org.permitwatch.support.security;

/**
 * Masks personal data for callers without {@link Caller#PII_READ_SCOPE}. Null stays null so optional
 * fields keep their meaning; the masks keep just enough to recognise a value on the phone with its owner.
 */
public final class Masking {

    private Masking() {}

    /** 13812345678 → 138****5678; shorter numbers keep only the last two digits. */
    public static String phone(String phone) {
        if (phone == null || phone.isEmpty()) {
            return phone;
        }
        if (phone.length() >= 11) {
            return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
        }
        if (phone.length() <= 2) {
            return "*".repeat(phone.length());
        }
        return "*".repeat(phone.length() - 2) + phone.substring(phone.length() - 2);
    }

    /** zhang.san@x.cn → z***@x.cn. */
    public static String email(String email) {
        if (email == null || email.isEmpty()) {
            return email;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /** 张三丰 → 张**, 李四 → 李*: the surname stays, one star per hidden character. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        int hidden = name.codePointCount(first, name.length());
        return name.substring(0, first) + "*".repeat(hidden);
    }

    /** A resident ID number keeps its first 6 (region) and last 4 characters: 140105********123X. */
    public static String idNumber(String id) {
        if (id == null || id.isEmpty()) {
            return id;
        }
        if (id.length() <= 10) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }
}
