package org.permitwatch.devstack;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A province's data-acquisition units in one process (issue 18): N monitoring points built from the directory the
 * platform synced from the mock (so the same seed gives the same points), registered through the gateway's API as 太原
 * city staff, each speaking HJ 212-2017 over its own TCP connection to monitoring-service's receiver.
 *
 * <p>Every point sends real-time values (2011) every {@code --rtd-seconds}, each minute the minute's means (2051, with
 * the flue gas's oxygen content: what the alert stream judges, issue 19), and at each full hour the hourly means
 * (2061) of the hour before; at start it backfills (补发) the last {@code --backfill-hours} hours (hourly only). Values follow a daily
 * pattern around 40 % of the permit's hourly limit (high at 14:00, low at 02:00) with noise; a share of the points
 * misbehaves on demand ({@code --anomalies exceedance=5,constant=2,zero=2,gap=2,reconnect=2,flag-misuse=2}, percent of
 * points): exceedances (1.6 × the limit in the afternoon), a constant value, zeros, gaps (silent every third hour),
 * reconnects (a new connection for every hourly message) and flag misuse (a value flagged N while the unit is in
 * maintenance, i.e. M expected, and a malformed flag every hour; its minute data flagged M / C 8 h a day). On demand
 * only (not in the default): {@code unknown-outlet=N}, points registered to outlet DA999, which their permit lacks.
 *
 * <pre>
 * Hj212Simulator --gateway http://127.0.0.1:8080 --identity http://127.0.0.1:8085
 *                --cli-secret-file .local/keys/identity-cli.secret --hj212 127.0.0.1:9212 --points 300 --seed 42
 * </pre>
 */
public final class Hj212Simulator {

    static final String CITY = "140100";
    /**
     * Every simulated outlet's flow: 50,000 m3/h of flue gas (13.889 m3/s), 1,000 t/d of wastewater (11.574 L/s) — mid
     * range of the mock's outlet templates, whose annual amounts are limit × flow × 8,000 h (air) or × 365 d (water): a
     * point at its usual ~40 % of the limit stays under the permitted amount of an outlet of that flow.
     */
    static final double AIR_FLOW_M3_PER_S = 50_000 / 3600.0;

    static final double WATER_FLOW_L_PER_S = 1_000_000 / 86_400.0;

    /** HJ 212 DataTime and QN are Beijing time, whatever the machine's zone. */
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter QN = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    /** What a point does besides its daily pattern. */
    enum Behaviour {
        NORMAL,
        EXCEEDANCE,
        CONSTANT,
        ZERO,
        GAP,
        RECONNECT,
        FLAG_MISUSE,
        /** Registered to outlet {@link #UNKNOWN_OUTLET_CODE}, which the permit does not list (UNKNOWN_OUTLET alerts). */
        UNKNOWN_OUTLET
    }

    /** The outlet code an UNKNOWN_OUTLET point claims: no permit of the mock lists it. */
    static final String UNKNOWN_OUTLET_CODE = "DA999";

    /** One simulated point: its MN, PW, the outlet's pollutants with their hourly limits, and its behaviour. */
    record Point(
            String mn,
            String password,
            String permitNo,
            String outletCode,
            Map<String, Double> limits,
            Behaviour behaviour,
            long seed) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String host;
    private final int port;
    private final Clock clock;
    /** Frames written and answer lines read, for the hourly log line. */
    private final AtomicLong sent = new AtomicLong();

    private final AtomicLong answered = new AtomicLong();

    Hj212Simulator(String gateway, String host, int port, Clock clock) {
        this.gateway = gateway;
        this.host = host;
        this.port = port;
        this.clock = clock;
    }

    public static void main(String[] args) throws Exception {
        CommandLine line = CommandLine.parse(args, false);
        String secret = Files.readString(Path.of(line.require("cli-secret-file")), StandardCharsets.UTF_8)
                .strip();
        String[] hj212 = line.require("hj212").split(":");
        Hj212Simulator simulator =
                new Hj212Simulator(line.require("gateway"), hj212[0], Integer.parseInt(hj212[1]), Clock.systemUTC());
        DemoSeed tokens = new DemoSeed(line.require("gateway"), line.require("identity"), secret);
        String token = tokens.token("CITY", CITY, "hj212-simulator");
        List<Point> points = simulator.points(
                token,
                line.getInt("points", 300),
                line.getInt("seed", 42),
                Anomalies.parse(
                        line.get("anomalies", "exceedance=5,constant=2,zero=2,gap=2,reconnect=2,flag-misuse=2")));
        int registered = simulator.register(token, points);
        log("registered " + registered + " new points (" + points.size() + " in all)");
        simulator.run(points, line.getInt("rtd-seconds", 30), line.getInt("backfill-hours", 24));
    }

    static void log(String message) {
        System.out.println("[hj212-simulator] " + message);
        System.out.flush();
    }

    // ------------------------------------------------------------------------------------------ the points

    /** The first {@code n} main outlets (主要排放口) of KEY permits in 太原, in permit order: stable for a seed. */
    List<Point> points(String token, int n, long seed, Anomalies anomalies) throws Exception {
        List<Point> points = new ArrayList<>();
        Random random = new Random(seed);
        for (int page = 0; points.size() < n && page < 200; page++) {
            Map<String, Object> units =
                    json(get(token, "/api/v1/directory/units?category=KEY&status=VALID&page=" + page + "&size=100"));
            List<Object> items = JSONObjectUtils.getJSONArray(units, "items");
            if (items == null || items.isEmpty()) {
                break;
            }
            for (Object item : items) {
                if (points.size() >= n) {
                    break; // no detail read (and no rate-limit budget spent) for units that give no point
                }
                String permitNo = (String) ((Map<?, ?>) item).get("permitNo");
                Map<String, Object> detail = json(get(token, "/api/v1/directory/units/" + permitNo));
                for (Object o : JSONObjectUtils.getJSONArray(detail, "outlets")) {
                    Map<?, ?> outlet = (Map<?, ?>) o;
                    if (!"主要排放口".equals(outlet.get("outletType")) || points.size() >= n) {
                        continue;
                    }
                    Map<String, Double> limits = new java.util.LinkedHashMap<>();
                    for (Object p : (List<?>) outlet.get("pollutants")) {
                        Map<?, ?> pollutant = (Map<?, ?>) p;
                        Object limit = pollutant.get("hourlyLimit");
                        limits.put(
                                (String) pollutant.get("pollutantCode"),
                                limit instanceof Number number ? number.doubleValue() : 50.0);
                    }
                    if (limits.isEmpty()) {
                        continue;
                    }
                    int index = points.size();
                    Behaviour behaviour = anomalies.behaviour(random.nextInt(100));
                    points.add(new Point(
                            String.format("SIM%011d", index + 1L),
                            "sim-" + Long.toHexString(seed * 31 + index),
                            permitNo,
                            behaviour == Behaviour.UNKNOWN_OUTLET
                                    ? UNKNOWN_OUTLET_CODE
                                    : (String) outlet.get("outletCode"),
                            limits,
                            behaviour,
                            random.nextLong()));
                }
            }
        }
        return points;
    }

    /** Registers every point not registered yet; a restart of the simulator finds them (409) and goes on. */
    int register(String token, List<Point> points) throws Exception {
        int created = 0;
        for (Point p : points) {
            String body = "{\"mn\":\"" + p.mn() + "\",\"password\":\"" + p.password() + "\",\"permitNo\":\""
                    + p.permitNo() + "\",\"outletCode\":\"" + p.outletCode() + "\",\"pollutants\":["
                    + String.join(
                            ",",
                            p.limits().keySet().stream()
                                    .map(c -> "\"" + c + "\"")
                                    .toList()) + "]}";
            HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/monitoring/points"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
            if (reply.statusCode() == 201) {
                created++;
            } else if (reply.statusCode() != 409) {
                throw new IllegalStateException(
                        "registering " + p.mn() + ": HTTP " + reply.statusCode() + " " + reply.body());
            }
        }
        return created;
    }

    // ------------------------------------------------------------------------------------------ the values

    /** The hourly mean of a pollutant at an hour, by the point's behaviour. */
    static double hourly(Point p, String pollutant, LocalDateTime hour, double limit) {
        Random noise = new Random(p.seed() ^ pollutant.hashCode() ^ hour.toEpochSecond(java.time.ZoneOffset.UTC));
        double daily = 0.4 + 0.15 * Math.sin(2 * Math.PI * (hour.getHour() - 8) / 24.0);
        double value = limit * daily * (0.9 + 0.2 * noise.nextDouble());
        return switch (p.behaviour()) {
            case EXCEEDANCE -> hour.getHour() >= 13 && hour.getHour() <= 16 ? limit * 1.6 : value;
            case CONSTANT -> limit * 0.3;
            case ZERO -> 0.0;
            default -> value;
        };
    }

    static String segment(String qn, String cn, Point p, int flag, LocalDateTime time, String values) {
        return "QN=" + qn + ";ST=31;CN=" + cn + ";PW=" + p.password() + ";MN=" + p.mn() + ";Flag=" + flag
                + ";CP=&&DataTime=" + time.format(DATA_TIME) + ";" + values + "&&";
    }

    String hourlySegment(Point p, LocalDateTime hour) {
        List<String> groups = new ArrayList<>();
        // Flag misuse: the unit is in maintenance every sixth hour (its values then are the calibration gas's, 3 × the
        // normal level) but flags them N (valid) instead of M; sendHourly adds a malformed flag on top.
        boolean maintenance = p.behaviour() == Behaviour.FLAG_MISUSE && hour.getHour() % 6 == 0;
        p.limits().forEach((code, limit) -> {
            double avg = hourly(p, code, hour, limit) * (maintenance ? 3 : 1);
            groups.add(String.format(
                    java.util.Locale.ROOT,
                    "%s-Min=%.3f,%s-Avg=%.3f,%s-Max=%.3f,%s-Flag=N",
                    code,
                    avg * 0.8,
                    code,
                    avg,
                    code,
                    avg * 1.2,
                    code));
        });
        return segment(
                LocalDateTime.now(clock.withZone(BEIJING)).format(QN), "2061", p, 5, hour, String.join(";", groups));
    }

    /**
     * The minute means (2051) of a minute: the hour's level with ±2 % noise per minute (a real analyser never repeats
     * itself exactly — except the CONSTANT and ZERO points, which must), flag N, and for flue gas an oxygen content of
     * 6 % (a19001), so the alert stream can correct to the standard's reference oxygen. A FLAG_MISUSE point flags its
     * minutes M (维护) in hours 0, 6, 12, 18 and C (校准) in hours 3, 9, 15, 21: 8 h a day, over FLAG_MISUSE's 4.
     */
    static String minuteSegment(Point p, LocalDateTime minute) {
        List<String> groups = new ArrayList<>();
        String flag = minuteFlag(p, minute);
        Random noise = new Random(p.seed() ^ minute.toEpochSecond(java.time.ZoneOffset.UTC));
        boolean air = p.limits().keySet().stream().anyMatch(code -> code.startsWith("a"));
        p.limits().forEach((code, limit) -> {
            double level = hourly(p, code, minute.truncatedTo(ChronoUnit.HOURS), limit);
            boolean steady = p.behaviour() == Behaviour.CONSTANT || p.behaviour() == Behaviour.ZERO;
            double avg = steady ? level : level * (0.98 + 0.04 * noise.nextDouble());
            // the minute's emitted amount (HJ 212-2017 -Cou, kg) = concentration × the minute's flow
            // (ANNUAL_TONNAGE_AHEAD)
            double couKg = avg * (air ? AIR_FLOW_M3_PER_S : WATER_FLOW_L_PER_S) * 60 / 1e6;
            groups.add(String.format(
                    java.util.Locale.ROOT, "%s-Avg=%.3f,%s-Cou=%.6f,%s-Flag=%s", code, avg, code, couKg, code, flag));
        });
        // the flow itself: flue gas a00000 in m3/s (Cou m3), wastewater w00000 in L/s (Cou m3)
        groups.add(
                air
                        ? String.format(
                                java.util.Locale.ROOT,
                                "a00000-Avg=%.3f,a00000-Cou=%.1f,a00000-Flag=N",
                                AIR_FLOW_M3_PER_S,
                                AIR_FLOW_M3_PER_S * 60)
                        : String.format(
                                java.util.Locale.ROOT,
                                "w00000-Avg=%.3f,w00000-Cou=%.3f,w00000-Flag=N",
                                WATER_FLOW_L_PER_S,
                                WATER_FLOW_L_PER_S * 60 / 1000));
        if (air) {
            groups.add("a19001-Avg=6.000,a19001-Flag=N");
        }
        return segment(minute.format(QN), "2051", p, 4, minute, String.join(";", groups));
    }

    static String minuteFlag(Point p, LocalDateTime minute) {
        if (p.behaviour() != Behaviour.FLAG_MISUSE) {
            return "N";
        }
        return switch (minute.getHour() % 6) {
            case 0 -> "M";
            case 3 -> "C";
            default -> "N";
        };
    }

    String realtimeSegment(Point p, LocalDateTime now) {
        List<String> groups = new ArrayList<>();
        p.limits()
                .forEach((code, limit) -> groups.add(String.format(
                        java.util.Locale.ROOT,
                        "%s-Rtd=%.3f,%s-Flag=N",
                        code,
                        hourly(p, code, now.truncatedTo(ChronoUnit.HOURS), limit),
                        code)));
        return segment(now.format(QN), "2011", p, 4, now, String.join(";", groups));
    }

    // ------------------------------------------------------------------------------------------ the connections

    /** One unit's connection: frames out, answers read and counted; reconnects when the receiver went away. */
    final class Unit {
        final Point point;
        Socket socket;
        OutputStream out;

        Unit(Point point) {
            this.point = point;
        }

        synchronized void send(String segment, boolean reconnect) {
            try {
                if (socket == null || socket.isClosed() || reconnect) {
                    close();
                    socket = new Socket(host, port);
                    out = socket.getOutputStream();
                    Socket reading = socket;
                    Thread reader = new Thread(() -> readAnswers(reading), "answers-" + point.mn());
                    reader.setDaemon(true);
                    reader.start();
                }
                out.write(Frames.wrap(segment).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                sent.incrementAndGet();
            } catch (IOException e) {
                close(); // the receiver is down or restarting: the next message reconnects
            }
        }

        void readAnswers(Socket reading) {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(reading.getInputStream(), StandardCharsets.ISO_8859_1))) {
                while (in.readLine() != null) {
                    answered.incrementAndGet();
                }
            } catch (IOException e) {
                // closed
            }
        }

        synchronized void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already gone
                }
                socket = null;
            }
        }
    }

    void run(List<Point> points, int rtdSeconds, int backfillHours) throws InterruptedException {
        List<Unit> units = points.stream().map(Unit::new).toList();
        LocalDateTime hour = LocalDateTime.now(clock.withZone(BEIJING)).truncatedTo(ChronoUnit.HOURS);
        // 补发: the hours before now, oldest first, as a unit does after an outage.
        for (Unit unit : units) {
            for (int h = backfillHours; h >= 1; h--) {
                sendHourly(unit, hour.minusHours(h));
            }
        }
        log("backfilled " + backfillHours + " h for " + units.size() + " points");
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(3);
        timer.scheduleAtFixedRate(
                () -> {
                    LocalDateTime now = LocalDateTime.now(clock.withZone(BEIJING));
                    units.forEach(u -> {
                        if (u.point.behaviour() != Behaviour.GAP || now.getHour() % 3 != 0) {
                            u.send(realtimeSegment(u.point, now), false);
                        }
                    });
                },
                1,
                rtdSeconds,
                TimeUnit.SECONDS);
        LocalDateTime nowMinute = LocalDateTime.now(clock.withZone(BEIJING)).truncatedTo(ChronoUnit.MINUTES);
        long toNextMinute = Duration.between(LocalDateTime.now(clock.withZone(BEIJING)), nowMinute.plusMinutes(1))
                .toSeconds();
        timer.scheduleAtFixedRate(
                () -> {
                    LocalDateTime previous = LocalDateTime.now(clock.withZone(BEIJING))
                            .truncatedTo(ChronoUnit.MINUTES)
                            .minusMinutes(1);
                    units.forEach(u -> {
                        if (u.point.behaviour() != Behaviour.GAP || previous.getHour() % 3 != 0) {
                            u.send(minuteSegment(u.point, previous), false);
                        }
                    });
                },
                toNextMinute + 2,
                60,
                TimeUnit.SECONDS);
        long toNextHour = Duration.between(LocalDateTime.now(clock.withZone(BEIJING)), hour.plusHours(1))
                .toSeconds();
        timer.scheduleAtFixedRate(
                () -> {
                    LocalDateTime previous = LocalDateTime.now(clock.withZone(BEIJING))
                            .truncatedTo(ChronoUnit.HOURS)
                            .minusHours(1);
                    units.forEach(u -> sendHourly(u, previous));
                    log("hour " + previous + ": " + sent.get() + " frames sent, " + answered.get() + " answers");
                },
                toNextHour + 5,
                3600,
                TimeUnit.SECONDS);
        timer.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
    }

    private void sendHourly(Unit unit, LocalDateTime hour) {
        Point p = unit.point;
        if (p.behaviour() == Behaviour.GAP && hour.getHour() % 3 == 0) {
            return;
        }
        unit.send(hourlySegment(p, hour), p.behaviour() == Behaviour.RECONNECT);
        if (p.behaviour() == Behaviour.FLAG_MISUSE && hour.getHour() % 6 == 0) {
            // A malformed flag: the receiver refuses it (QnRtn 100) and counts it.
            unit.send(
                    segment(
                            "fm" + hour.format(DATA_TIME),
                            "2061",
                            p,
                            5,
                            hour,
                            p.limits().keySet().iterator().next() + "-Avg=1,"
                                    + p.limits().keySet().iterator().next() + "-Flag=X"),
                    false);
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    String get(String token, String path) throws IOException, InterruptedException {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .build());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + reply.statusCode() + " " + reply.body());
        }
        return reply.body();
    }

    /**
     * One call through the gateway, waiting out its per-client rate limit: the simulator is one client reading a unit
     * and registering a point per monitoring point, so a few hundred points exceed the budget (429 with Retry-After)
     * as soon as the gateway answers fast enough — a client that gives up there is a broken client.
     */
    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 429 || attempt >= RATE_LIMITED_ATTEMPTS) {
                return reply;
            }
            long seconds = reply.headers()
                    .firstValue("Retry-After")
                    .map(v -> {
                        try {
                            return Long.parseLong(v.trim());
                        } catch (NumberFormatException notSeconds) {
                            return 1L;
                        }
                    })
                    .orElse(1L);
            Thread.sleep(Duration.ofSeconds(Math.max(1, Math.min(seconds, 30))).toMillis());
        }
    }

    /** How often one call is retried after 429 before the simulator gives up. */
    private static final int RATE_LIMITED_ATTEMPTS = 60;

    private static Map<String, Object> json(String body) throws ParseException {
        return JSONObjectUtils.parse(body);
    }

    /** {@code exceedance=5,constant=2,…}: percent of the points per behaviour, the rest NORMAL. */
    record Anomalies(Map<Behaviour, Integer> percent) {
        static Anomalies parse(String spec) {
            Map<Behaviour, Integer> percent = new java.util.LinkedHashMap<>();
            for (String part : spec.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] kv = part.split("=");
                percent.put(
                        Behaviour.valueOf(
                                kv[0].trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                        Integer.parseInt(kv[1].trim()));
            }
            return new Anomalies(percent);
        }

        Behaviour behaviour(int draw) {
            int upTo = 0;
            for (Map.Entry<Behaviour, Integer> e : percent.entrySet()) {
                upTo += e.getValue();
                if (draw < upTo) {
                    return e.getKey();
                }
            }
            return Behaviour.NORMAL;
        }
    }
}
