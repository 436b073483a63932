package org.permitwatch.liaison;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.permitwatch.testsupport.CloudEventRecords;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/** The set-up the liaison integration tests share: liaisons in the directory, counts, mail recipients, events. */
public final class LiaisonTestData {

    private LiaisonTestData() {}

    /** An active liaison of {@code division} in {@code role} with that e-mail; returns its id. */
    public static UUID contact(DatabaseClient db, String division, String role, String email) {
        return contact(db, division, role, email, true);
    }

    /** A liaison, active or not, with that e-mail (null: none on file); returns its id. */
    public static UUID contact(DatabaseClient db, String division, String role, String email, boolean active) {
        UUID id = UUID.randomUUID();
        var spec = db.sql("""
                        INSERT INTO liaison_contact (id, division_code, organisation, person_name, phone, email, active, role)
                        VALUES (:id, :division, '生态环境局', '测试', '13800000000', :email, :active, :role)""")
                .bind("id", id)
                .bind("division", division)
                .bind("active", active)
                .bind("role", role);
        (email == null ? spec.bindNull("email", String.class) : spec.bind("email", email))
                .then()
                .block();
        return id;
    }

    /** The single number a {@code SELECT count(*) …} (or any one-number query) returns. */
    public static long count(DatabaseClient db, String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }

    /** The (first) recipient of a mail. */
    public static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Publishes events to the embedded broker as another service's outbox relay does: JSON payload, binary-mode
     * CloudEvents headers, a record key; each send waits for the broker's acknowledgement.
     */
    public static final class EventProducer implements AutoCloseable {

        private final KafkaProducer<String, String> producer;
        private final JsonMapper json;
        private final String source;

        /** @param source the CloudEvents {@code ce_source}, e.g. {@code /inspection-service} */
        public EventProducer(EmbeddedKafkaBroker broker, JsonMapper json, String source) {
            this.producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                    new StringSerializer(),
                    new StringSerializer());
            this.json = json;
            this.source = source;
        }

        public void send(String topic, String ceId, String type, String key, Object payload) throws Exception {
            ProducerRecord<String, String> record =
                    CloudEventRecords.record(topic, key, type, ceId, source, json.writeValueAsString(payload));
            producer.send(record).get();
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
