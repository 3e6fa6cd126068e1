package dev.strongroom.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on a free loopback port in front of the vault that changes bytes on their way to it:
 * every occurrence of {@code from} in what the client sends becomes {@code to} (same length, so the
 * request stays well-formed). What a flaky proxy or a tampering middlebox would do to an upload.
 */
public final class AlteringRelay implements AutoCloseable {

    private static final int TAIL_WAIT_MS = 50;

    private final ServerSocket server;
    private final int target;
    private final byte[] from;
    private final byte[] to;
    private final AtomicInteger alterations = new AtomicInteger();
    private final Thread acceptor;

    public AlteringRelay(int targetPort, String from, String to) throws IOException {
        if (from.length() != to.length()) {
            throw new IllegalArgumentException("the replacement must keep the length");
        }
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = targetPort;
        this.from = from.getBytes(StandardCharsets.UTF_8);
        this.to = to.getBytes(StandardCharsets.UTF_8);
        this.acceptor = new Thread(this::accept, "altering-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many times the relay changed the bytes it passed on. */
    public int alterations() {
        return alterations.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                daemon(() -> altering(client, upstream));
                daemon(() -> copy(upstream, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "altering-relay-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void copy(Socket in, Socket out) {
        try (in; out) {
            in.getInputStream().transferTo(out.getOutputStream());
        } catch (IOException e) {
            // the other side closed: the browser or the vault ended the connection
        }
    }

    /**
     * Holds back the last {@code from.length - 1} bytes, which may be the start of a match split
     * across two reads, until more arrive or the client pauses (then the request may be complete).
     */
    private void altering(Socket client, Socket upstream) {
        try (client; upstream) {
            client.setSoTimeout(TAIL_WAIT_MS);
            InputStream in = client.getInputStream();
            OutputStream out = upstream.getOutputStream();
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException pause) {
                    pending.writeTo(out);
                    out.flush();
                    pending.reset();
                    continue;
                }
                if (n < 0) {
                    pending.writeTo(out);
                    return;
                }
                pending.write(buffer, 0, n);
                byte[] bytes = replaced(pending.toByteArray());
                int keep = Math.min(bytes.length, from.length - 1);
                out.write(bytes, 0, bytes.length - keep);
                out.flush();
                pending.reset();
                pending.write(bytes, bytes.length - keep, keep);
            }
        } catch (IOException e) {
            // the other side closed
        }
    }

    private byte[] replaced(byte[] bytes) {
        for (int i = 0; i + from.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, bytes, i, to.length);
                alterations.incrementAndGet();
                i += from.length - 1;
            }
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
