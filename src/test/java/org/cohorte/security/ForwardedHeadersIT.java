package org.cohorte.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Behind the TLS proxy, a request the proxy marks {@code X-Forwarded-Proto: https} is treated as HTTPS (Secure
 * session cookie, https:// redirects, HSTS); the same headers from any other address change nothing. Requests go
 * over plain sockets bound to a chosen source address: 127.0.0.1 is the trusted proxy here, 127.0.0.2 (also this
 * machine, but not listed) is anyone else.
 */
class ForwardedHeadersIT extends IntegrationTest {

    private static final String PROXY = "127.0.0.1";
    private static final String STRANGER = "127.0.0.2";

    /** Status line and headers of one response, header names in lower case. */
    private record Response(String status, List<String[]> headers) {
        Optional<String> first(String name) {
            return headers.stream().filter(h -> h[0].equals(name)).map(h -> h[1]).findFirst();
        }

        String sessionCookie() {
            return headers.stream().filter(h -> h[0].equals("set-cookie") && h[1].startsWith("JSESSIONID="))
                    .map(h -> h[1]).findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + status));
        }
    }

    /** A GET from the given source address to the test server, with the given extra header lines. */
    private Response get(String from, String path, String... headerLines) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 10_000);
            socket.setSoTimeout(60_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: cohorte.example\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            String[] lines = answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n");
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.add(new String[] {lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip()});
            }
            return new Response(lines[0], headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_proxy_saying_https_gets_a_secure_cookie_https_redirects_and_hsts() {
        Response response = get(PROXY, "/tasks", "X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.7");
        assertThat(response.status()).contains(" 302 ");
        assertThat(response.first("location")).hasValue("https://cohorte.example/login");
        assertThat(response.sessionCookie()).contains("; Secure").contains("HttpOnly");
        assertThat(response.first("strict-transport-security")).isPresent();
    }

    @Test
    void the_proxy_listening_on_another_port_says_so_and_redirects_keep_that_port() {
        Response response = get(PROXY, "/tasks", "X-Forwarded-Proto: https", "X-Forwarded-Port: 8443");
        assertThat(response.first("location")).hasValue("https://cohorte.example:8443/login");
        assertThat(response.sessionCookie()).contains("; Secure");
    }

    @Test
    void anyone_else_saying_https_changes_nothing() {
        Response response = get(STRANGER, "/tasks", "X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.7",
                "X-Forwarded-Host: evil.example", "X-Forwarded-Port: 443");
        assertThat(response.status()).contains(" 302 ");
        assertThat(response.first("location")).hasValue("http://cohorte.example/login");
        assertThat(response.sessionCookie()).doesNotContain("Secure").contains("HttpOnly");
        assertThat(response.first("strict-transport-security")).isEmpty();
    }

    @Test
    void the_proxy_saying_http_or_nothing_stays_plain_http() {
        for (Response response : List.of(get(PROXY, "/tasks"), get(PROXY, "/tasks", "X-Forwarded-Proto: http"))) {
            assertThat(response.first("location")).hasValue("http://cohorte.example/login");
            assertThat(response.sessionCookie()).doesNotContain("Secure");
            assertThat(response.first("strict-transport-security")).isEmpty();
        }
    }
}
