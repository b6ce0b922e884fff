package org.cohorte.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The test's HTTP client of the work API: HTTP Basic as a demo user, JSON, English messages. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    static final String PASSWORD = "cohorte123";

    /** A response; {@code body} is null when it was not JSON. */
    record Response(int status, JsonNode body) {
        String error() {
            return body == null || body.get("error") == null ? null : body.get("error").asText();
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** The server did not answer (refused, reset, killed mid-way): the caller does not know what happened. */
    static final class Unreachable extends RuntimeException {
        Unreachable(Throwable cause) {
            super(cause);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    Response get(String baseUrl, String user, String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), user);
    }

    Response post(String baseUrl, String user, String path, Object body, String idempotencyKey) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            return send(request, user);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Response send(HttpRequest.Builder request, String user) {
        request.timeout(Duration.ofSeconds(90)).header("Accept-Language", "en")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            if (response.body() != null && (response.body().startsWith("{") || response.body().startsWith("["))) {
                body = JSON.readTree(response.body());
            }
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new Unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
