package io.ferrite.bench;

import io.ferrite.core.Ferrite;
import io.ferrite.net.FerriteServer;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Time from {@code start()} of a further in-JVM {@link FerriteServer} to its first PONG, once a first server has
 * warmed the JVM up (classes loaded, code compiled): what a test suite starting a server per test pays.
 * {@code java -cp benchmarks.jar io.ferrite.bench.ServerStartup [runs]} prints the median and range in ms.
 */
public final class ServerStartup {
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        try (Ferrite warm = Ferrite.newBuilder().build();
             FerriteServer first = FerriteServer.newBuilder(warm).port(0).build().start()) {
            for (int i = 0; i < 200; i++) ping(first.port());
            double[] ms = new double[runs];
            for (int r = 0; r < runs; r++) {
                try (Ferrite engine = Ferrite.newBuilder().build()) {
                    long t0 = System.nanoTime();
                    FerriteServer server = FerriteServer.newBuilder(engine).port(0).build().start();
                    ping(server.port());
                    ms[r] = (System.nanoTime() - t0) / 1e6;
                    server.close();
                }
            }
            Arrays.sort(ms);
            System.out.printf("second_server_start_to_pong_ms_median=%.2f min=%.2f max=%.2f runs=%d%n",
                    ms[runs / 2], ms[0], ms[runs - 1], runs);
        }
    }

    private static void ping(int port) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            out.write(PING);
            InputStream in = s.getInputStream();
            byte[] reply = new byte[7];
            int n = 0;
            while (n < reply.length) {
                int r = in.read(reply, n, reply.length - n);
                if (r < 0) throw new IllegalStateException("closed before PONG");
                n += r;
            }
            if (!new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n")) throw new IllegalStateException("no PONG");
        }
    }
}
