package org.permitwatch.inspection.procedure;

/**
 * How a notice or a decision was served (送达方式). 《行政处罚法》(2021) 第六十一条 sends the decision's service to
 * 《民事诉讼法》, whose 送达 section (第七章第二节) has seven ways — two more than the issue listed (委托, 转交).
 */
public enum ServiceMethod {
    /** 直接送达. */
    DIRECT("直接送达"),
    /** 留置送达: the party refused to sign; left at its premises with witnesses or photographed. */
    LEFT_AT_PREMISES("留置送达"),
    /** 委托送达: through another authority. */
    ENTRUSTED("委托送达"),
    /** 邮寄送达. */
    MAIL("邮寄送达"),
    /** 转交送达. */
    FORWARDED("转交送达"),
    /** 电子送达: only with the party's consent (行政处罚法 第六十一条第二款). */
    ELECTRONIC("电子送达"),
    /** 公告送达: deemed served 30 days after publication (民事诉讼法 公告送达, "经过三十日，即视为送达"). */
    PUBLIC_NOTICE("公告送达");

    private final String label;

    ServiceMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
