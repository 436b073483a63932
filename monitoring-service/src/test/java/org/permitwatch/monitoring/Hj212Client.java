package org.permitwatch.monitoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.permitwatch.monitoring.hj212.Hj212Frame;

/** A data-acquisition unit in a test: a plain blocking socket that writes frames and reads answer lines. */
public final class Hj212Client implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    public Hj212Client(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the segment as a sound frame. */
    public Hj212Client send(String segment) {
        return raw(Hj212Frame.wrap(segment));
    }

    /** Sends bytes as they are (broken frames). */
    public Hj212Client raw(String bytes) {
        try {
            out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next answer line (without CRLF). */
    public String answer() {
        try {
            String line = in.readLine();
            if (line == null) {
                throw new IllegalStateException("the receiver closed the connection");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether an answer arrives within the time (false: none). */
    public boolean answersWithin(int millis) {
        try {
            socket.setSoTimeout(millis);
            return in.readLine() != null;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                socket.setSoTimeout(10_000);
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
