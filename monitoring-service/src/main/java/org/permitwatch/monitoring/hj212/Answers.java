package org.permitwatch.monitoring.hj212;

/**
 * The answers of the upper computer (上位机), HJ 212-2017 附录 C: system code ST=91 (系统交互), Flag=4 (protocol
 * version 2017, no answer wanted), the sender's QN echoed so it can match the answer to its request.
 */
public final class Answers {

    private Answers() {}

    /** A sender that sent no QN gets an answer without one (nothing to echo). */
    private static String qnField(String qn) {
        return qn == null ? "" : "QN=" + qn + ";";
    }

    /** 数据应答 (CN=9014): the data upload was received and kept. */
    public static String dataAnswer(String qn, String pw, String mn) {
        return Hj212Frame.wrap(qnField(qn) + "ST=91;CN=9014;PW=" + pw + ";MN=" + mn + ";Flag=4;CP=&&&&");
    }

    /** 请求应答 (CN=9011) with the QnRtn code of a refused request. */
    public static String requestAnswer(String qn, String pw, String mn, int qnRtn) {
        return Hj212Frame.wrap(
                qnField(qn) + "ST=91;CN=9011;PW=" + pw + ";MN=" + mn + ";Flag=4;CP=&&QnRtn=" + qnRtn + "&&");
    }
}
