package org.permitwatch.devstack;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An exceedance on demand (issue 19's "inject an SO2 exceedance in the simulator for a Taiyuan coking unit"): a new
 * monitoring point on a main outlet of a 太原 coking permit (industry 2521, or the permit given), registered through
 * the gateway like the simulator's points, then one past hour of minute data (CN 2051, all 60 minutes, flag N) sent as
 * 补发 over HJ 212 with the pollutant at FACTOR × the permit's hourly limit and the outlet's other pollutants at 40 % of
 * theirs. Every frame asks for an answer (Flag=5) and the tool waits for all 60 9014s, so when it returns the hour is
 * durably in Kafka; its last minute (hh:59) closes the hour, and the alert stream judges it at once.
 *
 * <p>A fresh MN each time, because the same MN + DataTime is kept once (the first arrival): re-sending an hour a point
 * already sent changes nothing. Prints one JSON line: what was sent and the hourly mean the alert must show.
 *
 * <pre>
 * Hj212Inject --gateway http://127.0.0.1:8080 --identity http://127.0.0.1:8085 --cli-secret-file … --hj212 127.0.0.1:9212
 *             [--permit P] [--pollutant a21026] [--factor 2.0] [--hours-ago 1]
 * </pre>
 */
public final class Hj212Inject {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final String COKING = "2521";

    private Hj212Inject() {}

    /** Where the exceedance goes: a main outlet and its pollutants' hourly limits. */
    record Target(
            String permitNo, String unitName, String industryCode, String outletCode, Map<String, Double> limits) {}

    public static void main(String[] args) throws Exception {
        CommandLine line = CommandLine.parse(args, false);
        String secret = Files.readString(Path.of(line.require("cli-secret-file")), StandardCharsets.UTF_8)
                .strip();
        String[] hj212 = line.require("hj212").split(":");
        String pollutant = line.get("pollutant", "a21026");
        double factor = Double.parseDouble(line.get("factor", "2.0"));
        int hoursAgo = line.getInt("hours-ago", 1);
        if (factor <= 0 || hoursAgo < 1) {
            throw new IllegalArgumentException(
                    "--factor must be > 0 and --hours-ago ≥ 1 (a whole hour that has ended)");
        }
        Clock clock = Clock.systemUTC();
        Hj212Simulator simulator =
                new Hj212Simulator(line.require("gateway"), hj212[0], Integer.parseInt(hj212[1]), clock);
        String token = new DemoSeed(line.require("gateway"), line.require("identity"), secret)
                .token("CITY", Hj212Simulator.CITY, "hj212-inject");

        String permit = line.get("permit", "");
        Target target =
                permit.isEmpty() ? coking(simulator, token, pollutant) : target(simulator, token, permit, pollutant);
        if (target == null) {
            throw new IllegalStateException("no main outlet with an hourly " + pollutant + " limit found"
                    + (permit.isEmpty() ? " on 太原's coking (2521) permits" : " on " + permit));
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(BEIJING));
        String mn = "INJ" + now.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + ThreadLocalRandom.current().nextInt(100, 1000);
        Hj212Simulator.Point point = new Hj212Simulator.Point(
                mn,
                "inj-" + Long.toHexString(ThreadLocalRandom.current().nextLong()),
                target.permitNo(),
                target.outletCode(),
                target.limits(),
                Hj212Simulator.Behaviour.NORMAL,
                0);
        simulator.register(token, List.of(point));

        LocalDateTime hour = now.truncatedTo(ChronoUnit.HOURS).minusHours(hoursAgo);
        double limit = target.limits().get(pollutant);
        double value = Math.round(limit * factor * 1000) / 1000.0;
        int acked = sendHour(hj212[0], Integer.parseInt(hj212[1]), point, hour, pollutant, value);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mn", mn);
        result.put("permitNo", target.permitNo());
        result.put("unitName", target.unitName());
        result.put("industryCode", target.industryCode());
        result.put("outletCode", target.outletCode());
        result.put("pollutantCode", pollutant);
        result.put("limit", limit);
        result.put("value", value);
        result.put("hour", hour.atZone(BEIJING).toOffsetDateTime().toString());
        result.put("frames", 60);
        result.put("acked", acked);
        System.out.println(
                JSONObjectUtils.toJSONString(result)); // checkstyle:ignore RegexpSingleline — the CLI's answer
    }

    /**
     * The first 太原 KEY coking permit (in directory order) with a main outlet that limits the pollutant hourly; when a
     * small mock directory has none, the first KEY permit of any industry that has one.
     */
    static Target coking(Hj212Simulator simulator, String token, String pollutant) throws Exception {
        for (String industry : new String[] {"&industry=" + COKING, ""}) {
            Map<String, Object> page = JSONObjectUtils.parse(simulator.get(
                    token,
                    "/api/v1/directory/units?division=" + Hj212Simulator.CITY + industry
                            + "&category=KEY&status=VALID&page=0&size=20"));
            for (Object item : JSONObjectUtils.getJSONArray(page, "items")) {
                Target target = target(simulator, token, (String) ((Map<?, ?>) item).get("permitNo"), pollutant);
                if (target != null) {
                    return target;
                }
            }
        }
        return null;
    }

    static Target target(Hj212Simulator simulator, String token, String permitNo, String pollutant) throws Exception {
        Map<String, Object> detail = JSONObjectUtils.parse(simulator.get(token, "/api/v1/directory/units/" + permitNo));
        for (Object o : JSONObjectUtils.getJSONArray(detail, "outlets")) {
            Map<?, ?> outlet = (Map<?, ?>) o;
            if (!"主要排放口".equals(outlet.get("outletType"))) {
                continue;
            }
            Map<String, Double> limits = new LinkedHashMap<>();
            for (Object p : (List<?>) outlet.get("pollutants")) {
                Map<?, ?> row = (Map<?, ?>) p;
                if (row.get("hourlyLimit") instanceof Number number) {
                    limits.put((String) row.get("pollutantCode"), number.doubleValue());
                }
            }
            if (limits.containsKey(pollutant)) {
                return new Target(
                        permitNo,
                        (String) detail.get("unitName"),
                        (String) detail.get("industryCode"),
                        (String) outlet.get("outletCode"),
                        limits);
            }
        }
        return null;
    }

    /** The hour's 60 minute frames on one connection; returns how many the receiver acknowledged (9014). */
    static int sendHour(
            String host, int port, Hj212Simulator.Point point, LocalDateTime hour, String pollutant, double value)
            throws Exception {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            int acked = 0;
            for (int m = 0; m < 60; m++) {
                LocalDateTime minute = hour.plusMinutes(m);
                out.write(Frames.wrap(minuteSegment(point, minute, pollutant, value))
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String answer = in.readLine();
                if (answer == null || !answer.contains("CN=9014")) {
                    throw new IllegalStateException("minute " + minute + " not acknowledged: " + answer);
                }
                acked++;
            }
            return acked;
        }
    }

    /** One minute (2051): the pollutant at {@code value}, the others at 40 % of their limit, flue-gas O2 at 6 %. */
    static String minuteSegment(Hj212Simulator.Point point, LocalDateTime minute, String pollutant, double value) {
        List<String> groups = new ArrayList<>();
        point.limits()
                .forEach((code, limit) -> groups.add(String.format(
                        Locale.ROOT,
                        "%s-Avg=%.3f,%s-Flag=N",
                        code,
                        code.equals(pollutant) ? value : limit * 0.4,
                        code)));
        if (point.limits().keySet().stream().anyMatch(code -> code.startsWith("a"))) {
            groups.add("a19001-Avg=6.000,a19001-Flag=N");
        }
        String qn = minute.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS"));
        return Hj212Simulator.segment(qn, "2051", point, 5, minute, String.join(";", groups));
    }
}
