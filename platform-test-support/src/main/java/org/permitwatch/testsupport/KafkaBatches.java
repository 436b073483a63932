package org.permitwatch.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Records a batch listener must receive in one poll, for tests of what a poll does (ADR 0068, 0069). */
public final class KafkaBatches {

    private KafkaBatches() {}

    /**
     * Sends the records as one producer batch ({@code linger.ms} 200, every record sent before any is awaited) and
     * waits for the broker's acks. Records of one key land on one partition in one batch, so one fetch holds them all.
     */
    public static void sendInOneBatch(String bootstrapServers, List<ProducerRecord<String, String>> records)
            throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 200),
                new StringSerializer(),
                new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get();
            }
        }
    }
}
