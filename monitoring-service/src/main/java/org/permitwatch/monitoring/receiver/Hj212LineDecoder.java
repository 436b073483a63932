package org.permitwatch.monitoring.receiver;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.permitwatch.monitoring.hj212.Hj212Frame;

/**
 * Cuts the TCP stream into frames at LF (a frame ends with CRLF and no data segment contains one). A line longer than
 * a frame may be is discarded up to its end and reported as {@link #TOO_LONG} instead of closing the connection, so
 * one garbled frame costs the unit that frame and nothing else.
 */
final class Hj212LineDecoder extends ByteToMessageDecoder {

    /** Stands in for a discarded over-long line. */
    static final String TOO_LONG = "\u0000too-long";

    private boolean discarding;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (lf < 0) {
                if (in.readableBytes() > Hj212Frame.MAX_FRAME) {
                    in.skipBytes(in.readableBytes());
                    if (!discarding) {
                        discarding = true;
                        out.add(TOO_LONG);
                    }
                }
                return;
            }
            int length = lf - in.readerIndex() + 1;
            if (discarding) {
                in.skipBytes(length);
                discarding = false;
                continue;
            }
            if (length > Hj212Frame.MAX_FRAME) {
                in.skipBytes(length);
                out.add(TOO_LONG);
                continue;
            }
            int end = length >= 2 && in.getByte(lf - 1) == '\r' ? length - 2 : length - 1;
            String line = in.toString(in.readerIndex(), end, Hj212Frame.CHARSET);
            in.skipBytes(length);
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
    }
}
