package org.permitwatch.monitoring.alert;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.monitoring.hj212.DataCommand;
import org.permitwatch.monitoring.hj212.DataMessage;
import org.permitwatch.monitoring.hj212.Hj212Segment;

/**
 * The rules about a monitoring point as a whole (ADR 0038): DATA_MISSING, FLAG_MISUSE, UNKNOWN_OUTLET. AlertProcessor
 * hands them every bound minute message of a permit the directory has, before its per-pollutant rules, and the stream
 * time punctuation.
 */
final class PointRules {

    private final DataMissingRule dataMissing;
    private final FlagMisuseRule flagMisuse;
    private final UnknownOutletRule unknownOutlet;

    PointRules(PointRuleContext context) {
        this.dataMissing = new DataMissingRule(context);
        this.flagMisuse = new FlagMisuseRule(context);
        this.unknownOutlet = new UnknownOutletRule(context);
    }

    /**
     * @param arrival   the raw record's timestamp (when the receiver took the frame)
     * @param permitted whether the permit lists the outlet the point is bound to
     */
    void minute(
            DataMessage message,
            String permitNo,
            String outletCode,
            long arrival,
            DirectoryUnitSnapshot unit,
            boolean permitted) {
        LocalDateTime minute = message.dataTime().truncatedTo(ChronoUnit.MINUTES);
        dataMissing.minute(message.mn(), permitNo, outletCode, minute, arrival, unit);
        unknownOutlet.minute(message.mn(), outletCode, unit, permitted, minute);
        if (permitted) {
            flagMisuse.minute(message.mn(), outletCode, unit, message, minute);
        }
    }

    /**
     * A message without binding headers (written before points carried them): nothing is judged, but a minute of it
     * shows the point is not silent (DATA_MISSING), under the binding it last had.
     */
    void unbound(String mn, String segment, long arrival) {
        if (mn == null || segment == null) {
            return;
        }
        DataMessage message;
        try {
            message = DataMessage.from(Hj212Segment.parse(segment));
        } catch (RuntimeException unreadable) {
            return; // AlertProcessor's own parse logs it when it matters
        }
        if (message.command() == DataCommand.MINUTE) {
            dataMissing.unbound(message.mn(), message.dataTime().truncatedTo(ChronoUnit.MINUTES), arrival);
        }
    }

    void punctuate(long streamTime) {
        dataMissing.punctuate(streamTime);
    }
}
