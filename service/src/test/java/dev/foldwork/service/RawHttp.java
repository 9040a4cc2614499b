package dev.foldwork.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends bytes as they are over one connection, for requests no HTTP client would send. */
final class RawHttp {
    record Response(int status, String head, String body) {
        String contentType() {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Type:", 0, 13)) {
                    return line.substring(13).trim();
                }
            }
            return "";
        }
    }

    private RawHttp() {}

    /** Sends the request (which should ask the server to close the connection) and reads the answer to the end. */
    static Response send(int port, String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            String[] statusLine = head.split(" ", 3);
            return new Response(statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException("raw HTTP to 127.0.0.1:" + port + " failed", e);
        }
    }
}
