package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18 end to end: a monitoring point bound to a synced permit's outlet is registered through the gateway, a data
 * unit sends hourly HJ 212-2017 frames to run.sh's receiver over TCP, is answered 9014 only once the data is kept
 * (a bad CRC is answered QnRtn=9, a resend changes nothing), and the series and latest values come back through the
 * gateway. run.sh's simulator has registered points of its own by then.
 */
final class Monitoring {

    private static final String MN = "SYSTEST000001";
    private static final String PW = "systest-pw";

    private final Campaign c;

    Monitoring(Campaign campaign) {
        this.c = campaign;
    }

    void dataArrivesOverTcpAndReadsBack() {
        String city = c.platform.token("CITY", Campaign.CITY, "--sub", "monitoring-systest");
        // An outlet that must be monitored (its permit's 自行监测 table has 自动 rows for it) and has no point yet:
        // run.sh's simulator took the first main outlets of the same permits. The series names the MN all the same.
        JsonNode free = c.gateway
                .get("/api/v1/monitoring/unmonitored-outlets?size=1", city)
                .json()
                .get("items")
                .get(0);
        String permitNo = free.get("permitNo").asString();
        String outlet = free.get("outletCode").asString();
        String pollutant = null;
        for (JsonNode o : c.gateway
                .get("/api/v1/directory/units/" + permitNo, city)
                .json()
                .get("outlets")) {
            if (o.get("outletCode").asString().equals(outlet)
                    && o.get("pollutants").size() > 0) {
                pollutant = o.get("pollutants").get(0).get("pollutantCode").asString();
            }
        }
        assertThat(pollutant).as("a pollutant of %s %s", permitNo, outlet).isNotNull();

        Api.Reply registered = c.gateway.post(
                "/api/v1/monitoring/points",
                city,
                Map.of(
                        "mn",
                        MN,
                        "password",
                        PW,
                        "permitNo",
                        permitNo,
                        "outletCode",
                        outlet,
                        "pollutants",
                        List.of(pollutant)));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().get("outletOnPermit").asBoolean()).isTrue();

        // Yesterday 08:00, 09:00, 10:00 Beijing, Avg 11.5, 12.5, 13.5.
        LocalDate day = LocalDate.now(Campaign.BEIJING).minusDays(1);
        String date = day.toString().replace("-", "");
        try (Socket socket = new Socket("127.0.0.1", c.platform.port("HJ212_PORT"))) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            for (int h = 8; h <= 10; h++) {
                String segment = hourly("st" + h, date + String.format("%02d0000", h), pollutant, (h + 3.5));
                write(out, frame(segment, null));
                assertThat(in.readLine()).contains("QN=st" + h + ";").contains("CN=9014");
            }
            // The unit missed the last answer and resends: answered again, kept once.
            write(out, frame(hourly("st10", date + "100000", pollutant, 13.5), null));
            assertThat(in.readLine()).contains("CN=9014");
            write(out, frame(hourly("bad", date + "110000", pollutant, 1), "0000"));
            assertThat(in.readLine()).contains("QN=bad;").contains("QnRtn=9");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        String series = "/api/v1/monitoring/series?permitNo=" + permitNo + "&outletCode=" + outlet + "&pollutant="
                + pollutant + "&mn=" + MN + "&from=" + day.minusDays(1) + "T16:00:00Z&to=" + day
                + "T17:00:00Z"; // 25 h: hourly values
        // Not Eventually.await: on failure the last answer is what tells why (a 4xx problem, or fewer points).
        Api.Reply last = c.gateway.get(series, city);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(last.status() == 200 && last.json().get("points").size() == 3) && System.nanoTime() < deadline) {
            sleep();
            last = c.gateway.get(series, city);
        }
        assertThat(last.status()).as("GET %s -> %s", series, last).isEqualTo(200);
        assertThat(last.json().get("points").size())
                .as("GET %s -> %s", series, last)
                .isEqualTo(3);
        JsonNode points = c.gateway.get(series, city).json().get("points");
        assertThat(c.gateway.get(series, city).json().get("resolution").asString())
                .isEqualTo("HOURLY");
        assertThat(points.get(0).get("avg").asDouble()).isEqualTo(11.5);
        assertThat(points.get(2).get("avg").asDouble()).isEqualTo(13.5);
        assertThat(points.get(2).get("time").asString()).isEqualTo(day + "T10:00:00+08:00");
        JsonNode latest = c.gateway
                .get("/api/v1/monitoring/units/" + permitNo + "/latest", city)
                .json();
        assertThat(latest.toString()).contains(MN);

        // run.sh's simulator registered its points through the same API.
        Eventually.await(
                "the simulator's points",
                Duration.ofSeconds(180),
                () -> c.gateway
                                .get("/api/v1/monitoring/points?size=1", city)
                                .json()
                                .get("total")
                                .asLong()
                        > 1);
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String hourly(String qn, String time, String pollutant, double avg) {
        return "QN=" + qn + ";ST=31;CN=2061;PW=" + PW + ";MN=" + MN + ";Flag=5;CP=&&DataTime=" + time + ";" + pollutant
                + "-Avg=" + avg + "," + pollutant + "-Flag=N&&";
    }

    /** The frame with the standard's CRC (HJ 212-2017 附录 A), or with {@code crc} instead when given. */
    static String frame(String segment, String crc) {
        int value = 0xFFFF;
        for (byte b : segment.getBytes(StandardCharsets.ISO_8859_1)) {
            value = (value >> 8) ^ (b & 0xFF);
            for (int i = 0; i < 8; i++) {
                value = (value & 1) != 0 ? (value >> 1) ^ 0xA001 : value >> 1;
            }
        }
        return "##" + String.format("%04d", segment.length()) + segment
                + (crc == null ? String.format("%04X", value) : crc) + "\r\n";
    }

    private static void write(OutputStream out, String frame) throws IOException {
        out.write(frame.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
