package org.permitwatch.gateway.problem;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.permitwatch.gateway.correlation.Correlation;

/**
 * Reactor Netty answers a request line or header block over its limits (414, 431) itself, with an empty body,
 * before Spring sees the request. This handler sits right after Netty's HTTP codec and swaps that empty answer for
 * a problem+json one. Only 414 and 431 are touched: Spring never produces them, so no application response is
 * rewritten. There is no exchange yet, hence a fresh trace id (also sent as traceparent) and no instance.
 */
@ChannelHandler.Sharable
final class HeaderTooLargeProblemHandler extends ChannelOutboundHandlerAdapter {

    static final String NAME = "permitwatch.tooLargeProblem";

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof FullHttpResponse response && isNettyLimitAnswer(response)) {
            FullHttpResponse problem = problemFor(response);
            response.release();
            ctx.write(problem, promise);
            return;
        }
        ctx.write(msg, promise);
    }

    private static boolean isNettyLimitAnswer(FullHttpResponse response) {
        int status = response.status().code();
        return (status == 431 || status == 414) && response.content().readableBytes() == 0;
    }

    private static FullHttpResponse problemFor(FullHttpResponse response) {
        HttpResponseStatus status = response.status();
        boolean headers = status.code() == 431;
        String code = headers ? "header-too-large" : "uri-too-long";
        String title = headers ? "Request headers too large" : "Request URI too long";
        String detail = headers
                ? "The request's headers exceed the size the gateway accepts"
                : "The request line exceeds the length the gateway accepts";
        String traceId = Correlation.newTraceId();
        String json = "{\"type\":\"urn:permitwatch:problem:" + code + "\",\"title\":\"" + title + "\",\"status\":"
                + status.code() + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\",\"traceId\":\""
                + traceId + "\"}";
        ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        DefaultFullHttpResponse problem = new DefaultFullHttpResponse(response.protocolVersion(), status, body);
        problem.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(Correlation.TRACEPARENT, "00-" + traceId + "-" + traceId.substring(0, 16) + "-01");
        return problem;
    }
}
