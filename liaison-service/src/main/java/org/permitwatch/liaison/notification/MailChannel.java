package org.permitwatch.liaison.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Sends a notification as an e-mail over SMTP. SMTP I/O blocks, so it runs on boundedElastic, never on Netty. */
@Component
class MailChannel {

    private final JavaMailSenderImpl sender;
    private final NotificationProperties properties;

    MailChannel(JavaMailSenderImpl sender, NotificationProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    Mono<Void> send(Delivery delivery) {
        return Mono.fromRunnable(() -> sendBlocking(delivery))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    private void sendBlocking(Delivery delivery) {
        try {
            MimeMessage message = new FixedIdMimeMessage(sender.getSession(), delivery.messageId());
            boolean multipart = delivery.attachment() != null;
            MimeMessageHelper helper = new MimeMessageHelper(message, multipart, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.mailFrom());
            helper.setTo(delivery.recipient());
            helper.setSubject(delivery.subject());
            helper.setText(delivery.body(), false);
            if (multipart) {
                helper.addAttachment(
                        delivery.attachmentName(),
                        new ByteArrayResource(delivery.attachment()),
                        delivery.attachmentType());
            }
            message.setHeader("X-PermitWatch-Event", delivery.eventKey());
            sender.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("could not build the mail: " + e.getMessage(), e);
        }
    }

    /** Jakarta Mail regenerates Message-ID on every save; this keeps ours. */
    private static final class FixedIdMimeMessage extends MimeMessage {

        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
