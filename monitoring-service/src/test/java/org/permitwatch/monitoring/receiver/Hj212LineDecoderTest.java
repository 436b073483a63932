package org.permitwatch.monitoring.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permitwatch.monitoring.hj212.Hj212Frame;

class Hj212LineDecoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new Hj212LineDecoder());

    private List<String> feed(String... chunks) {
        for (String chunk : chunks) {
            channel.writeInbound(Unpooled.copiedBuffer(chunk, StandardCharsets.ISO_8859_1));
        }
        List<String> lines = new ArrayList<>();
        Object line;
        while ((line = channel.readInbound()) != null) {
            lines.add((String) line);
        }
        return lines;
    }

    @Test
    void framesSplitAcrossReadsAndSeveralInOneReadAreCut() {
        assertThat(feed("##0001a", "ABCD\r\n##0002", "bbABCD\r\n##0001cABCD\r\n"))
                .containsExactly("##0001aABCD", "##0002bbABCD", "##0001cABCD");
    }

    @Test
    void anOverLongLineIsReportedOnceAndTheNextFrameStillPasses() {
        String garbage = "x".repeat(Hj212Frame.MAX_FRAME + 10);
        assertThat(feed(garbage, garbage, "tail\r\n##0001aABCD\r\n"))
                .containsExactly(Hj212LineDecoder.TOO_LONG, "##0001aABCD");
        assertThat(feed("y".repeat(Hj212Frame.MAX_FRAME + 1) + "\r\n##0001bABCD\r\n"))
                .containsExactly(Hj212LineDecoder.TOO_LONG, "##0001bABCD");
    }

    @Test
    void emptyLinesAndBareLfAreTolerated() {
        assertThat(feed("\r\n\n##0001aABCD\n")).containsExactly("##0001aABCD");
    }
}
