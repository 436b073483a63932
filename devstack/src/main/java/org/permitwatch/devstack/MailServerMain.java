package org.permitwatch.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Local SMTP server for run.sh: GreenMail on a fixed port, accepting mail for any address. Each received mail is
 * written as an {@code .eml} file (open it with any mail client, or read it as text) into the mail directory and its
 * path is printed, so the mails the platform sends to liaisons can be read without a real mail system.
 * <pre>
 * MailServerMain --smtp-port 3025 --mail-dir .local/mail
 * </pre>
 * Mails live in memory and in the directory only: nothing is relayed onwards.
 */
public final class MailServerMain {

    static final String READY_PREFIX = "mail server ready on ";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private MailServerMain() {}

    public static void main(String[] args) throws Exception {
        CommandLine line = CommandLine.parse(args, false);
        int port = line.getInt("smtp-port", 3025);
        Path mailDir = Path.of(line.get("mail-dir", ".local/mail")).toAbsolutePath();
        Files.createDirectories(mailDir);

        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        MailDirectory directory = new MailDirectory(greenMail, mailDir);
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "eml-writer");
            thread.setDaemon(true);
            return thread;
        });
        // GreenMail offers no delivery callback; polling the received list once a second is plenty for a person.
        writer.scheduleWithFixedDelay(directory::writeNew, 1, 1, TimeUnit.SECONDS);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            writer.shutdown();
                            directory.writeNew();
                            greenMail.stop();
                            System.out.println("mail server stopped");
                            stopped.countDown();
                        },
                        "mail-stopper"));
        System.out.println(READY_PREFIX + "smtp 127.0.0.1:" + port + " (mails written to " + mailDir + ")");
        System.out.flush();
        stopped.await();
    }

    /** Writes every mail received since the last call as one .eml file per recipient mailbox copy. */
    static final class MailDirectory {

        private final GreenMail greenMail;
        private final Path dir;
        private int written;

        MailDirectory(GreenMail greenMail, Path dir) {
            this.greenMail = greenMail;
            this.dir = dir;
        }

        synchronized void writeNew() {
            MimeMessage[] received = greenMail.getReceivedMessages();
            for (; written < received.length; written++) {
                try {
                    Path file = dir.resolve(FILE_TIME.format(LocalDateTime.now()) + "-" + (written + 1) + "-"
                            + safe(recipients(received[written])) + ".eml");
                    try (OutputStream out = Files.newOutputStream(file)) {
                        received[written].writeTo(out);
                    }
                    System.out.println("mail to " + recipients(received[written]) + " \""
                            + received[written].getSubject() + "\" -> " + file);
                } catch (IOException | MessagingException e) {
                    System.out.println("could not write mail " + (written + 1) + ": " + e);
                }
            }
            System.out.flush();
        }

        private static String recipients(MimeMessage message) throws MessagingException {
            Address[] to = message.getAllRecipients();
            return to == null
                    ? "unknown"
                    : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(","));
        }

        private static String safe(String text) {
            String cleaned = text.replaceAll("[^A-Za-z0-9@._-]", "_");
            return cleaned.length() > 80 ? cleaned.substring(0, 80) : cleaned;
        }
    }
}
