package org.permitwatch.monitoring.receiver;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.permitwatch.monitoring.hj212.Answers;
import org.permitwatch.monitoring.hj212.DataCommand;
import org.permitwatch.monitoring.hj212.DataMessage;
import org.permitwatch.monitoring.hj212.Hj212Frame;
import org.permitwatch.monitoring.hj212.Hj212Segment;
import org.permitwatch.monitoring.hj212.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What happens to one frame of one connection: the envelope (length, CRC), the segment, the data values, the MN and
 * its password; then the broker; then the answer. Returns the answer to write, or nothing.
 *
 * <p>Refusals are answered with 请求应答 9011 and the standard's QnRtn whenever the segment can be read (so the unit
 * learns why instead of resending blindly); an over-long line or an unreadable segment has no QN or MN to answer and
 * gets none. Every refusal is counted; it is logged at WARN the first time a connection makes it (per reason) and at
 * DEBUG after, so a unit that resends a bad frame every 30 s cannot flood the log.
 */
@Component
class FrameHandler {

    private static final Logger log = LoggerFactory.getLogger(FrameHandler.class);

    private final RegisteredPoints points;
    private final RawPublisher publisher;
    private final ReceiverMetrics metrics;
    private final ReceiverProperties properties;

    FrameHandler(
            RegisteredPoints points, RawPublisher publisher, ReceiverMetrics metrics, ReceiverProperties properties) {
        this.points = points;
        this.publisher = publisher;
        this.metrics = metrics;
        this.properties = properties;
    }

    /** Per-connection state: the reasons already logged at WARN. */
    static final class Connection {
        private final String remote;
        private final Set<Rejection> logged = EnumSet.noneOf(Rejection.class);

        Connection(String remote) {
            this.remote = remote;
        }

        synchronized boolean firstTime(Rejection reason) {
            return logged.add(reason);
        }
    }

    Mono<String> handle(String line, Connection connection) {
        long started = System.nanoTime();
        if (Hj212LineDecoder.TOO_LONG.equals(line)) {
            return refuse(connection, Rejection.TOO_LONG, "line longer than " + Hj212Frame.MAX_FRAME, null);
        }
        Hj212Frame.Unwrapped frame = Hj212Frame.unwrap(line);
        Hj212Segment segment = null;
        if (frame.segment() != null) {
            try {
                segment = Hj212Segment.parse(frame.segment());
            } catch (Hj212Segment.MalformedSegmentException e) {
                Rejection reason = frame.ok() ? Rejection.MALFORMED : frame.rejection();
                return refuse(connection, reason, frame.ok() ? e.getMessage() : frame.reason(), null);
            }
        }
        if (!frame.ok()) {
            return refuse(connection, frame.rejection(), frame.reason(), segment);
        }
        if (DataCommand.of(segment.cn()).isEmpty()) {
            return refuse(connection, Rejection.UNSUPPORTED_CN, "CN " + segment.cn() + " is not taken", segment);
        }
        try {
            DataMessage.check(segment);
        } catch (Hj212Segment.MalformedSegmentException e) {
            return refuse(connection, Rejection.MALFORMED, e.getMessage(), segment);
        }
        Optional<String> password = points.passwordOf(segment.mn());
        if (password.isEmpty()) {
            return refuse(connection, Rejection.UNKNOWN_MN, "MN " + segment.mn() + " is not registered", segment);
        }
        if (!password.get().equals(segment.pw())) {
            return refuse(connection, Rejection.WRONG_PASSWORD, "wrong PW for MN " + segment.mn(), segment);
        }
        // Only the answer (a short string, or "" when none is wanted), the MN and the CN wait for the broker, not the
        // parsed segment: a frame in flight then holds ~0.5 KB instead of its maps and values, so a burst's thousands
        // of
        // frames in flight die in the young generation instead of being promoted (full GCs, docs/benchmarks.md).
        String mn = segment.mn();
        String cn = segment.cn();
        String answer = segment.wantsAnswer() ? Answers.dataAnswer(segment.qn().orElse(null), segment.pw(), mn) : "";
        // One future per frame, completed on the producer's callback (or the timeout): no Reactor chain per frame.
        return Mono.fromFuture(
                        publisher
                                .publish(mn, frame.segment(), properties.publishTimeout())
                                .handle((ok, e) -> answered(mn, cn, answer, connection, started, e)),
                        true)
                .filter(a -> !a.isEmpty());
    }

    /** The frame's answer once the broker holds it ("" when it wants none, or when the broker did not take it). */
    private String answered(
            String mn, String cn, String answer, Connection connection, long started, Throwable failure) {
        if (failure != null) {
            // Not answered: the unit resends after its timeout; the storage keeps one value per key.
            metrics.publishFailed();
            log.warn(
                    "HJ 212 frame of MN {} from {} not taken by the broker, not answered: {}",
                    mn,
                    connection.remote,
                    failure.toString());
            return "";
        }
        metrics.accepted(cn);
        metrics.acknowledged().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return answer;
    }

    private Mono<String> refuse(Connection connection, Rejection reason, String detail, Hj212Segment segment) {
        metrics.rejected(reason);
        String mn = segment == null ? "?" : segment.mn();
        if (connection.firstTime(reason)) {
            log.warn("HJ 212 frame refused ({}) from {} MN {}: {}", reason.tag(), connection.remote, mn, detail);
        } else if (log.isDebugEnabled()) {
            log.debug("HJ 212 frame refused ({}) from {} MN {}: {}", reason.tag(), connection.remote, mn, detail);
        }
        if (segment == null) {
            return Mono.empty();
        }
        return Mono.just(Answers.requestAnswer(segment.qn().orElse(null), segment.pw(), segment.mn(), reason.qnRtn()));
    }
}
