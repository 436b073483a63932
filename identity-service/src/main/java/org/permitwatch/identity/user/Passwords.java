package org.permitwatch.identity.user;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password policy + history + hashing: the one place a new password is accepted or refused. */
public class Passwords {

    /** A hash nobody's password matches: verifying against it for unknown users keeps the timing the same. */
    private final String dummyHash;

    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final UserRepository users;
    private final Clock clock;

    public Passwords(PasswordEncoder encoder, PasswordPolicy policy, UserRepository users, Clock clock) {
        this.encoder = encoder;
        this.policy = policy;
        this.users = users;
        this.clock = clock;
        this.dummyHash = encoder.encode("permitwatch-no-such-user-" + System.nanoTime());
    }

    public boolean matches(String raw, String hash) {
        return raw != null && hash != null && encoder.matches(raw, hash);
    }

    public void burnTime(String raw) {
        encoder.matches(raw == null ? "" : raw, dummyHash);
    }

    public String hash(String raw) {
        return encoder.encode(raw);
    }

    /** Problems of a new password for a user (policy and, for an existing user, the last passwords); empty = fine. */
    public List<String> problems(String raw, String username, UserAccount existing) {
        List<String> problems = new ArrayList<>(policy.problems(raw, username));
        if (problems.isEmpty() && existing != null) {
            for (String old : users.recentPasswordHashes(existing.id(), policy.history())) {
                if (encoder.matches(raw, old)) {
                    problems.add("不得与最近 " + policy.history() + " 次使用过的口令相同");
                    break;
                }
            }
        }
        return problems;
    }

    /** Sets a new password (caller checked {@link #problems}); {@code mustChange} for one an administrator chose. */
    public void change(UserAccount user, String raw, boolean mustChange, String by) {
        users.setPassword(user.id(), encoder.encode(raw), mustChange, clock.instant(), by);
    }
}
