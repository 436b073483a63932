package org.permitwatch.inspection.procedure;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.springframework.http.HttpStatus;

/**
 * The schedule of an approved deferral or instalment payment (暂缓 / 分期缴纳, 《行政处罚法》第六十六条: 当事人确有经济困难，
 * 经当事人申请和行政机关批准). One instalment is a deferral. The law fixes neither the number nor the length; what it
 * does fix is the fine, so the amounts must add up to it exactly — in yuan with at most two decimals (fen), compared
 * as {@link BigDecimal}, never as floating point. Pure: the service checks the schedule under the case lock before
 * storing it.
 */
public final class InstalmentSchedule {

    /** No statute limits the count; 60 (five years of monthly instalments) only keeps a request bounded. */
    static final int MAX_INSTALMENTS = 60;

    private InstalmentSchedule() {}

    /** One instalment as requested. */
    public record Instalment(LocalDate dueOn, BigDecimal amountYuan) {}

    /**
     * @throws ApiException 400 naming {@code instalments[i].dueOn} / {@code instalments[i].amountYuan} for a missing,
     *     unordered or non-positive entry, 422 {@code instalments-sum-mismatch} naming {@code instalments} when the
     *     amounts do not add up to the fine
     */
    public static void check(BigDecimal fineYuan, LocalDate approvedOn, List<Instalment> instalments) {
        if (instalments == null || instalments.isEmpty()) {
            throw ApiException.invalidField("instalments", "an approval needs its schedule (one entry for 暂缓)", null);
        }
        if (instalments.size() > MAX_INSTALMENTS) {
            throw ApiException.invalidField(
                    "instalments", "at most " + MAX_INSTALMENTS + " instalments", instalments.size());
        }
        LocalDate previous = approvedOn.minusDays(1);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < instalments.size(); i++) {
            Instalment it = instalments.get(i);
            String field = "instalments[" + i + "]";
            if (it == null || it.dueOn() == null) {
                throw ApiException.invalidField(field + ".dueOn", "is required", null);
            }
            if (!it.dueOn().isAfter(previous)) {
                throw ApiException.invalidField(
                        field + ".dueOn",
                        i == 0
                                ? "must not be before the approval (" + approvedOn + ")"
                                : "must be after the previous instalment (" + previous + ")",
                        it.dueOn());
            }
            BigDecimal amount = it.amountYuan();
            if (amount == null || amount.signum() <= 0) {
                throw ApiException.invalidField(field + ".amountYuan", "must be more than 0", amount);
            }
            if (amount.stripTrailingZeros().scale() > 2) {
                throw ApiException.invalidField(field + ".amountYuan", "at most two decimals (fen)", amount);
            }
            previous = it.dueOn();
            sum = sum.add(amount);
        }
        if (sum.compareTo(fineYuan) != 0) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "instalments-sum-mismatch",
                    null,
                    "the instalments add up to " + sum.toPlainString() + " yuan; the fine is "
                            + fineYuan.toPlainString(),
                    List.of(new FieldProblem("instalments", "must add up to " + fineYuan.toPlainString(), sum)));
        }
    }

    /** The amounts as stored (scale 2), in order. */
    static List<Instalment> normalised(List<Instalment> instalments) {
        List<Instalment> out = new ArrayList<>();
        for (Instalment it : instalments) {
            out.add(new Instalment(it.dueOn(), it.amountYuan().setScale(2)));
        }
        return out;
    }
}
