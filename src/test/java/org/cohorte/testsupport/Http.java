package org.cohorte.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small HTTP client for tests against the running server: cookies kept, redirects not followed. The HTTP
 * APIs take personal access tokens ({@code TestData.token(user)}), sent as {@code Authorization: Bearer}.
 */
public class Http {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    public Http(String baseUrl) {
        this.baseUrl = baseUrl;
        this.client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The value of a cookie this client holds (the session id, Camunda's XSRF token), or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    /** A GET with a personal access token (null: none). */
    public HttpResponse<String> get(String path, String token) {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)), token).GET().build());
    }

    /** A GET with HTTP Basic credentials, which the APIs refuse. */
    public HttpResponse<String> getBasic(String path, String user, String password) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", basic(user, password))
                .GET().build());
    }

    public HttpResponse<String> postJson(String path, String json, String token) {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> putJson(String path, String json, String token) {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)), token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> delete(String path, String token) {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)), token).DELETE().build());
    }

    /** A form post with this client's cookies and nothing else (no CSRF token unless the form has one). */
    public HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** Any request, with this client's cookies. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request.build());
    }

    public URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    /** Signs in through the login form like a browser: fetch the page (session, CSRF token), post the form. */
    public HttpResponse<String> login(String user, String password) {
        HttpResponse<String> page = get("/login");
        Matcher matcher = CSRF.matcher(page.body());
        if (!matcher.find()) {
            throw new IllegalStateException("No CSRF token on the login page");
        }
        String form = Map.of("username", user, "password", password, "_csrf", matcher.group(1)).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder, String token) {
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
