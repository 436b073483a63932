package org.permitwatch.monitoring.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.permitwatch.monitoring.hj212.Answers;
import org.permitwatch.monitoring.hj212.DataMessage;
import org.permitwatch.monitoring.hj212.Hj212Frame;
import org.permitwatch.monitoring.hj212.Hj212Segment;

/**
 * JMH microbenchmark of the HJ 212 codec as the receiver runs it per frame (bench/hj212-codec-benchmark.sh, not a
 * test): the frame envelope (length, CRC16), the segment and its data values, and the 9014 answer. The frame is the
 * load generator's burst frame (2051, three pollutants with Min/Avg/Max/Flag, 300-odd bytes). Uses only the codec's
 * public API, so the script can put an older revision's classes first on the class path and compare in one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Hj212CodecBenchmark {

    String line;
    String segment;
    Hj212Segment parsed;

    @Setup
    public void frame() {
        segment = "QN=17-4711;ST=31;CN=2051;PW=" + Hj212Benchmark.PASSWORD + ";MN=" + Hj212Benchmark.mn(17)
                + ";Flag=5;CP=&&DataTime=20261202101700;"
                + "a21026-Min=10.1,a21026-Avg=23.5,a21026-Max=30.2,a21026-Flag=N;"
                + "a21002-Min=30.0,a21002-Avg=42.2,a21002-Max=50.9,a21002-Flag=N;"
                + "a34013-Min=1.0,a34013-Avg=3.1,a34013-Max=5.5,a34013-Flag=N&&";
        String frame = Hj212Frame.wrap(segment);
        line = frame.substring(0, frame.length() - 2); // as the line decoder hands it over: without CRLF
        parsed = Hj212Segment.parse(segment);
    }

    /** Everything the receiver does with one frame's bytes before and after the broker: one message per op. */
    @Benchmark
    public String receive() {
        Hj212Frame.Unwrapped frame = Hj212Frame.unwrap(line);
        Hj212Segment s = Hj212Segment.parse(frame.segment());
        DataMessage message = DataMessage.from(s);
        if (message.values().size() != 3) {
            throw new IllegalStateException("benchmark frame misread");
        }
        return Answers.dataAnswer(s.qn().orElse(null), s.pw(), s.mn());
    }

    /** The envelope: header, declared length, CRC16 over the segment. */
    @Benchmark
    public Hj212Frame.Unwrapped unwrap() {
        return Hj212Frame.unwrap(line);
    }

    /** The segment into header and CP groups, then the data values (BigDecimal, flags). */
    @Benchmark
    public DataMessage parse() {
        return DataMessage.from(Hj212Segment.parse(segment));
    }

    /** The 9014 answer: its segment, length and CRC16. */
    @Benchmark
    public String answer() {
        return Answers.dataAnswer(parsed.qn().orElse(null), parsed.pw(), parsed.mn());
    }
}
