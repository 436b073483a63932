package org.permitwatch.liaison;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.permitwatch.liaison.notification.WebhookSignature;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The outside world the shared test context delivers to, started once per JVM: a real SMTP server (GreenMail) and a
 * real HTTP receiver (WireMock) standing in for 太原's (140100) work-chat robot. {@link Initializer} points the context
 * at them, so the context cache key is the same for every class.
 *
 * <p>Both outlive a test class, so a test calls {@link #reset()} before it acts and counts only what belongs to its
 * own notifications ({@link #mails}, {@link #robotCalls}): the database is emptied before each class, so the
 * notification rows are the class's own, and a delivery a previous class left in flight cannot be counted.
 */
public final class LiaisonTestServers {

    /** The HMAC key of the robot messages' signature (the shared context's webhook secret). */
    public static final String WEBHOOK_SECRET = "test-secret";
    /** 太原's robot, with an access key in the query string that the delivery log must not show. */
    public static final String ROBOT_PATH = "/robot/taiyuan?key=secret-robot-key";
    /** The city whose notifications with the WEBHOOK channel go to the robot; no other city has one. */
    public static final String ROBOT_DIVISION = "140100";

    private static final int SMTP_PORT = freePort();
    private static final WireMockServer ROBOTS = new WireMockServer(options().dynamicPort());
    private static volatile GreenMail smtp;

    static {
        ROBOTS.start();
        startSmtp();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopSmtp();
                            ROBOTS.stop();
                        },
                        "liaison-test-servers-shutdown"));
    }

    private LiaisonTestServers() {}

    /** Adds {@code spring.mail.host/port} and 太原's robot URL to a test context. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "liaisonTestServers",
                            Map.of(
                                    "spring.mail.host",
                                    "127.0.0.1",
                                    "spring.mail.port",
                                    SMTP_PORT,
                                    "permitwatch.liaison.notification.webhook.urls." + ROBOT_DIVISION,
                                    "http://localhost:" + ROBOTS.port() + ROBOT_PATH)));
        }
    }

    /** Before a test: the SMTP server running with empty mailboxes, the robot without stubs or logged calls. */
    public static void reset() {
        startSmtp();
        try {
            smtp.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
        ROBOTS.resetAll();
    }

    /** The running SMTP server. */
    public static GreenMail smtp() {
        return smtp;
    }

    /** Takes the SMTP server down (connections to its port are refused) until {@link #startSmtp()}. */
    public static synchronized void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    /** Brings the SMTP server (back) up on the same port, with empty mailboxes; no-op while it runs. */
    public static synchronized void startSmtp() {
        if (smtp == null || !smtp.isRunning()) {
            GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            smtp = mail;
        }
    }

    public static WireMockServer robots() {
        return ROBOTS;
    }

    /** The mails received for the notifications now in the database, in order of receipt. */
    public static MimeMessage[] mails(DatabaseClient db) {
        // MailChannel's Message-ID: <notification id@notification.permitwatch>, the same on every retry.
        Set<String> ours = notificationIds(db).stream()
                .map(id -> "<" + id + "@notification.permitwatch>")
                .collect(Collectors.toSet());
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> ours.contains(messageId(m)))
                .toArray(MimeMessage[]::new);
    }

    /** The robot calls received for the notifications now in the database, in order of receipt. */
    public static List<LoggedRequest> robotCalls(DatabaseClient db) {
        Set<String> ours = notificationIds(db).stream().map(UUID::toString).collect(Collectors.toSet());
        return ROBOTS.findAll(postRequestedFor(urlEqualTo(ROBOT_PATH))).stream()
                .filter(r -> ours.contains(r.getHeader(WebhookSignature.DELIVERY_HEADER)))
                .toList();
    }

    private static List<UUID> notificationIds(DatabaseClient db) {
        return db.sql("SELECT id FROM notification")
                .map(r -> r.get("id", UUID.class))
                .all()
                .collectList()
                .block();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
