package org.permitwatch.monitoring.hj212;

/**
 * Why a frame was refused, with the 请求返回 code (QnRtn, HJ 212-2017 表 C) its 9011 answer carries and the tag its
 * counter {@code monitoring.hj212.rejected} is labelled with.
 */
public enum Rejection {
    /** QnRtn 3: 密码错误. */
    WRONG_PASSWORD(3, "wrong-password"),
    /** QnRtn 4: MN 错误 — no monitoring point is registered under this MN. */
    UNKNOWN_MN(4, "unknown-mn"),
    /** QnRtn 8: CN 错误 — a command this receiver does not take. */
    UNSUPPORTED_CN(8, "unsupported-cn"),
    /** QnRtn 9: CRC 校验错误. */
    BAD_CRC(9, "bad-crc"),
    /** QnRtn 100: 未知错误 — the envelope or the data segment does not follow the standard. */
    MALFORMED(100, "malformed"),
    /** A line longer than the standard allows; cut off, not answered (there is no QN to answer). */
    TOO_LONG(100, "too-long");

    private final int qnRtn;
    private final String tag;

    Rejection(int qnRtn, String tag) {
        this.qnRtn = qnRtn;
        this.tag = tag;
    }

    public int qnRtn() {
        return qnRtn;
    }

    public String tag() {
        return tag;
    }
}
