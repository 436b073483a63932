package org.permitwatch.identity.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    final PasswordPolicy policy = new PasswordPolicy(12, 3, 5, 128);

    @Test
    void lengthTwelveAndThreeClasses() {
        assertThat(policy.problems("Abcdefghij1!", "zhang")).isEmpty(); // 12 chars, 4 classes
        assertThat(policy.problems("Abcdefghij1", "zhang")).containsExactly("至少 12 个字符"); // 11 chars
        assertThat(policy.problems("abcdefghijk1", "zhang")) // lower + digit = 2 classes
                .containsExactly("须包含大写字母、小写字母、数字、其他符号中的至少 3 类");
        assertThat(policy.problems("ABCDEFGHIJ1x", "zhang")).isEmpty(); // upper + digit + lower = 3
        assertThat(policy.problems("abcdefghij!1", "zhang")).isEmpty(); // lower + other + digit = 3
    }

    @Test
    void notTheUsernameInAnyCase() {
        assertThat(policy.problems("Xx-TY-Admin-2026", "ty-admin")).containsExactly("不得包含用户名");
    }

    @Test
    void countsClasses() {
        assertThat(PasswordPolicy.classes("aA1!")).isEqualTo(4);
        assertThat(PasswordPolicy.classes("口令口令")).isEqualTo(1); // CJK counts as "other"
    }

    @Test
    void configurable() {
        PasswordPolicy relaxed = new PasswordPolicy(8, 2, 3, 64);
        assertThat(relaxed.problems("abcdefg1", "zhang")).isEmpty();
    }
}
