package org.cohorte.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The test's HTTP client of the work API: as a demo user, JSON, English messages. Each user's personal access
 * token is written straight into the node's database (as "Mon profil" would make it: only its hash is kept).
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final Supplier<JdbcTemplate> database;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    ApiClient(Supplier<JdbcTemplate> database) {
        this.database = database;
    }

    /** The user's personal access token, made on first use. */
    String token(String user) {
        return tokens.computeIfAbsent(user, id -> {
            String secret = "coh_faults-" + UUID.randomUUID();
            try {
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(secret.getBytes(StandardCharsets.UTF_8)));
                Timestamp now = Timestamp.from(Instant.now());
                database.get().update("insert into api_token (id, user_id, label, token_hash, created_at, expires_at)"
                        + " values (?, ?, 'faults', ?, ?, ?)", UUID.randomUUID(), id, hash, now,
                        Timestamp.from(Instant.now().plus(Duration.ofDays(30))));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            return secret;
        });
    }

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

    /** The demo's "Coach RH" community, as {@code user} sees it (the fault tests all ask their questions there). */
    UUID demoCommunity(String baseUrl, String user) {
        JsonNode communities = get(baseUrl, user, "/api/community/communities").body();
        for (JsonNode c : communities) {
            if (c.get("name").asText().contains("Coach RH")) {
                return UUID.fromString(c.get("id").asText());
            }
        }
        throw new AssertionError("no Coach RH community for " + user + ": " + communities);
    }

    /** Asks a question through the work API; fails the test unless it is created. Returns its id. */
    UUID ask(String baseUrl, String user, UUID community, String title, String body, String idempotencyKey) {
        Response response = post(baseUrl, user, "/api/community/questions",
                Map.of("communityId", community, "title", title, "body", body), idempotencyKey);
        if (response.status() != 200 && response.status() != 201) {
            throw new AssertionError("question '" + title + "' refused: " + response.status() + " " + response.body());
        }
        return UUID.fromString(response.body().get("id").asText());
    }

    private Response send(HttpRequest.Builder request, String user) {
        request.timeout(Duration.ofSeconds(90)).header("Accept-Language", "en")
                .header("Authorization", "Bearer " + token(user));
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
