package org.permitwatch.monitoring.receiver;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.permitwatch.monitoring.hj212.Hj212Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * The HJ 212-2017 TCP server (Reactor Netty). Each connection's frames are answered in order ({@code
 * flatMapSequential}: a unit's answers come back in the order of its frames, up to {@code max-in-flight} of them waiting
 * for the broker at once); the work per frame never blocks its event loop (the broker send runs on the publisher's own
 * thread), so a slow or broken connection stalls no other. Starts after the context (Kafka producer
 * ready) and stops first on shutdown, so no frame is read that could not be published.
 */
@Component
public class Hj212Server implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Hj212Server.class);

    private final ReceiverProperties properties;
    private final FrameHandler handler;
    private final ReceiverMetrics metrics;
    private volatile DisposableServer server;
    /** The open unit connections: a stop closes them too, or they would outlive the service that serves them. */
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    Hj212Server(ReceiverProperties properties, FrameHandler handler, ReceiverMetrics metrics) {
        this.properties = properties;
        this.handler = handler;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        Duration idle = properties.idleTimeout();
        server = TcpServer.create()
                .host(properties.host())
                .port(properties.port())
                .doOnConnection(connection -> {
                    connection.addHandlerLast("hj212-lines", new Hj212LineDecoder());
                    connection.onReadIdle(idle.toMillis(), connection::dispose);
                    metrics.connected();
                    open.add(connection);
                    connection.onDispose(() -> {
                        open.remove(connection);
                        metrics.disconnected();
                    });
                })
                .handle((in, out) -> {
                    FrameHandler.Connection state = new FrameHandler.Connection(remote(in));
                    // Up to maxInFlight frames of a connection wait for the broker at once (a backfill is not one
                    // round trip per frame), their answers still in frame order; beyond that the connection is not
                    // read (TCP back-pressure), so a fast unit cannot queue unbounded work.
                    Flux<String> answers = in.receiveObject()
                            .cast(String.class)
                            .flatMapSequential(line -> handler.handle(line, state), properties.maxInFlight(), 1);
                    return out.sendString(answers, Hj212Frame.CHARSET);
                })
                .bindNow();
        log.info("HJ 212 receiver listening on {}:{}", properties.host(), server.port());
    }

    private static String remote(reactor.netty.NettyInbound inbound) {
        String[] address = {"?"};
        inbound.withConnection(c -> {
            if (c.channel().remoteAddress() instanceof InetSocketAddress a) {
                address[0] = a.getHostString() + ":" + a.getPort();
            }
        });
        return address[0];
    }

    @Override
    public void stop() {
        DisposableServer running = server;
        if (running != null) {
            // Disposing the server closes its listening socket only; the connections live on the shared event loops
            // and, left open, would keep reading frames for a service whose producer is closing. Closed here, the
            // units reconnect (to another replica, or to this one started again) and resend what was not answered.
            running.disposeNow(Duration.ofSeconds(10));
            for (Connection connection : open) {
                connection.disposeNow(Duration.ofSeconds(5));
            }
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The bound port (a free one when configured as 0). */
    public int port() {
        DisposableServer running = server;
        if (running == null) {
            throw new IllegalStateException("the HJ 212 receiver is not running");
        }
        return running.port();
    }

    /** After the web server and the Kafka listeners, so the context is whole when units connect. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
