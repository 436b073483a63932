package org.permitwatch.monitoring.hj212;

import java.util.Optional;

/**
 * The data uploads this receiver takes (HJ 212-2017 表 B, 数据命令) and the table each one's values are kept in. 2011
 * real-time values are not kept as a series: they only refresh a point's latest values.
 */
public enum DataCommand {
    REALTIME("2011", null),
    MINUTE("2051", "minute_value"),
    HOURLY("2061", "hourly_value"),
    DAILY("2031", "daily_value");

    private final String cn;
    private final String table;

    DataCommand(String cn, String table) {
        this.cn = cn;
        this.table = table;
    }

    public String cn() {
        return cn;
    }

    /** The partitioned table of the series, or empty for real-time values. */
    public Optional<String> table() {
        return Optional.ofNullable(table);
    }

    /** Every constant, once: {@code values()} clones its array on each call, and this runs for every frame twice. */
    private static final DataCommand[] ALL = values();

    public static Optional<DataCommand> of(String cn) {
        for (DataCommand command : ALL) {
            if (command.cn.equals(cn)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }
}
