package org.cohorte.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.base.limits.RateLimits;
import org.cohorte.identity.service.ApiTokenService;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The work API over real HTTP: idempotent creations, steps through the services, refusals as JSON. */
class WorkApiIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @Autowired
    CommunityService communities;
    @Autowired
    CodevFixture codev;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RateLimits rateLimits;
    @Autowired
    ApiTokenService tokens;

    String facilitator;
    String expert;
    String member;
    String colleague;
    String outsider;
    UUID community;

    @BeforeEach
    void community() {
        facilitator = data.user("claire", Roles.FACILITATOR, Roles.PARTICIPANT);
        expert = data.user("sophie", Roles.EXPERT, Roles.PARTICIPANT);
        member = data.user("marc", Roles.PARTICIPANT);
        colleague = data.user("julie", Roles.PARTICIPANT);
        outsider = data.user("zoe", Roles.PARTICIPANT);
        community = data.as(facilitator, () -> {
            UUID id = communities.create("API " + UUID.randomUUID(), "RH", "Charte", null, List.of(facilitator), false).getId();
            communities.addMember(id, expert, CommunityRole.EXPERT);
            communities.addMember(id, member, CommunityRole.MEMBER);
            communities.addMember(id, colleague, CommunityRole.MEMBER);
            return id;
        });
    }

    @Test
    void asking_twice_with_the_same_idempotency_key_creates_one_question_and_answers_the_same_id() throws Exception {
        String title = "Report de vacances " + UUID.randomUUID();
        String body = json(Map.of("communityId", community, "title", title, "body", "Peut-on reporter ?", "tags", List.of("vacances")));
        String key = "ask-" + UUID.randomUUID();

        HttpResponse<String> first = post("/api/community/questions", body, member, key, "fr");
        HttpResponse<String> retry = post("/api/community/questions", body, member, key, "fr");
        HttpResponse<String> other = post("/api/community/questions", body, member, "ask-" + UUID.randomUUID(), "fr");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(tree(retry).get("id").asText()).isEqualTo(tree(first).get("id").asText());
        assertThat(tree(other).get("id").asText()).isNotEqualTo(tree(first).get("id").asText());
        assertThat(jdbc.queryForObject("select count(*) from community_question where title = ?", Integer.class, title))
                .as("a new key is a new question, the same key never").isEqualTo(2);
    }

    @Test
    void the_same_idempotency_key_with_another_body_is_refused_with_422_and_creates_nothing() throws Exception {
        String title = "Première demande " + UUID.randomUUID();
        String key = "ask-" + UUID.randomUUID();
        HttpResponse<String> first = post("/api/community/questions",
                json(Map.of("communityId", community, "title", title, "body", "Première")), member, key, "en");
        assertThat(first.statusCode()).isEqualTo(201);
        String otherTitle = "Autre demande " + UUID.randomUUID();
        HttpResponse<String> reused = post("/api/community/questions",
                json(Map.of("communityId", community, "title", otherTitle, "body", "Autre")), member, key, "en");
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(tree(reused).get("error").asText()).isEqualTo("api.error.idempotencyKeyOtherBody");
        assertThat(tree(reused).get("message").asText()).contains("different request body");
        assertThat(jdbc.queryForObject("select count(*) from community_question where title = ?", Integer.class, otherTitle))
                .isZero();
        // The same body with keys in another order and other spacing is the same request: replayed.
        String sameAgain = "{ \"body\" : \"Première\", \"title\" : \"" + title + "\", \"communityId\" : \"" + community + "\" }";
        assertThat(post("/api/community/questions", sameAgain, member, key, "en").statusCode()).isEqualTo(200);
    }

    @Test
    void a_person_creating_too_fast_gets_429_with_a_message_and_nothing_more_is_created() throws Exception {
        RateLimits.Limit previous = rateLimits.change(RateLimits.QUESTION, new RateLimits.Limit(3, 100));
        String title = "Rafale " + UUID.randomUUID();
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(post("/api/community/questions", json(Map.of("communityId", community, "title", title,
                        "body", "Question " + i)), member, null, "fr").statusCode()).isEqualTo(201);
            }
            HttpResponse<String> fourth = post("/api/community/questions", json(Map.of("communityId", community,
                    "title", title, "body", "Encore")), member, null, "fr");
            assertThat(fourth.statusCode()).isEqualTo(429);
            assertThat(tree(fourth).get("error").asText()).isEqualTo("error.tooManyPerMinute");
            assertThat(tree(fourth).get("message").asText()).contains("3 par minute");
            HttpResponse<String> inEnglish = post("/api/community/questions", json(Map.of("communityId", community,
                    "title", title, "body", "Again")), member, null, "en");
            assertThat(tree(inEnglish).get("message").asText()).contains("3 a minute");
            assertThat(jdbc.queryForObject("select count(*) from community_question where title = ?", Integer.class, title))
                    .isEqualTo(3);
            // The limit is per person, and the minute passes.
            assertThat(post("/api/community/questions", json(Map.of("communityId", community, "title", title,
                    "body", "Moi aussi")), colleague, null, "fr").statusCode()).isEqualTo(201);
            ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(61)));
            assertThat(post("/api/community/questions", json(Map.of("communityId", community, "title", title,
                    "body", "Une minute plus tard")), member, null, "fr").statusCode()).isEqualTo(201);
        } finally {
            rateLimits.change(RateLimits.QUESTION, previous);
        }
    }

    @Test
    void the_api_takes_a_personal_token_as_bearer_and_json_only() throws Exception {
        String body = json(Map.of("communityId", community, "title", "Jeton", "body", "Corps"));
        HttpResponse<String> basic = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/tasks"))
                .header("Authorization", org.cohorte.testsupport.Http.basic(member, TestData.PASSWORD)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(tree(basic).get("error").asText()).isEqualTo("api.error.basicNotAccepted");
        assertThat(basic.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"Cohorte\"");
        // What a page on another site can send without asking: a form, or text. Neither is taken.
        for (String type : List.of("application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/community/questions"))
                    .header("Authorization", "Bearer " + data.token(member)).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(type).isEqualTo(415);
            assertThat(tree(response).get("error").asText()).isEqualTo("api.error.jsonOnly");
        }
        // A revoked token, and an expired one, open nothing.
        String revoked = data.as(member, () -> tokens.create("script", 30).secret());
        assertThat(getWith("/api/tasks", revoked)).isEqualTo(200);
        data.as(member, () -> tokens.revoke(tokens.mine().stream().filter(t -> t.label().equals("script")).findFirst()
                .orElseThrow().id()));
        assertThat(getWith("/api/tasks", revoked)).isEqualTo(401);
        String expiring = data.as(colleague, () -> tokens.create("court", 30).secret());
        assertThat(getWith("/api/tasks", expiring)).isEqualTo(200);
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(java.time.Duration.ofDays(31))));
        assertThat(getWith("/api/tasks", expiring)).isEqualTo(401);
    }

    private int getWith(String path, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void concurrent_retries_with_one_key_create_one_question() throws Exception {
        String title = "Envoyée deux fois " + UUID.randomUUID();
        String body = json(Map.of("communityId", community, "title", title, "body", "Deux envois simultanés"));
        String key = "race-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CyclicBarrier together = new CyclicBarrier(4);
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> {
                    together.await();
                    return post("/api/community/questions", body, member, key, "fr");
                }));
            }
            Set<UUID> ids = new HashSet<>();
            for (Future<HttpResponse<String>> call : calls) {
                ids.add(id(call.get()));
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from community_question where title = ?", Integer.class, title)).isEqualTo(1);
    }

    @Test
    void the_same_key_for_another_kind_of_request_is_a_conflict() throws Exception {
        String key = "k-" + UUID.randomUUID();
        post("/api/community/questions", json(Map.of("communityId", community, "title", "Première question",
                "body", "Texte")), member, key, "en");
        CodevFixture.Group group = codev.group(4);
        HttpResponse<String> reused = post("/api/codevelopment/groups/" + group.id() + "/sessions", "{}", member, key, "en");
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(tree(reused).get("error").asText()).isEqualTo("api.error.idempotencyKeyReused");
    }

    @Test
    void bad_input_is_a_400_with_the_key_and_a_translated_message() throws Exception {
        HttpResponse<String> shortTitle = post("/api/community/questions",
                json(Map.of("communityId", community, "title", "Q", "body", "Texte")), member, null, "en");
        HttpResponse<String> malformed = post("/api/community/questions", "{not json", member, null, "fr");
        HttpResponse<String> badId = get("/api/community/questions/not-a-uuid", member, "en");
        HttpResponse<String> badKey = post("/api/community/questions",
                json(Map.of("communityId", community, "title", "Question valide", "body", "Texte")), member, "x".repeat(201), "en");

        assertThat(shortTitle.statusCode()).isEqualTo(400);
        assertThat(tree(shortTitle).get("error").asText()).isEqualTo("question.error.titleRequired");
        assertThat(tree(shortTitle).get("message").asText()).isNotBlank().isNotEqualTo("question.error.titleRequired");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(tree(malformed).get("error").asText()).isEqualTo("api.error.badRequest");
        assertThat(tree(malformed).get("message").asText()).startsWith("La requête est mal formée");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(tree(badId).get("message").asText()).startsWith("The request is malformed");
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(tree(badKey).get("error").asText()).isEqualTo("api.error.idempotencyKeyInvalid");
        assertThat(jdbc.queryForObject("select count(*) from community_question where community_id = ?", Integer.class, community))
                .isZero();
    }

    @Test
    void strangers_and_wrong_roles_are_refused_with_403_or_404_and_nobody_gets_in_unauthenticated() throws Exception {
        UUID question = id(post("/api/community/questions",
                json(Map.of("communityId", community, "title", "Une question", "body", "Texte")), member, null, "fr"));

        assertThat(get("/api/community/questions/" + question, outsider, "fr").statusCode())
                .as("an outsider is not told the question exists").isEqualTo(404);
        HttpResponse<String> outsiderAsks = post("/api/community/questions",
                json(Map.of("communityId", community, "title", "Intrusion", "body", "Texte")), outsider, null, "fr");
        assertThat(outsiderAsks.statusCode()).isEqualTo(404);

        CodevFixture.Group group = codev.group(4);
        UUID session = id(post("/api/codevelopment/groups/" + group.id() + "/sessions", json(Map.of("mode", "LIVE")),
                group.facilitator(), "launch-" + UUID.randomUUID(), "fr"));
        HttpResponse<String> memberAdvances = post("/api/codevelopment/sessions/" + session + "/advance",
                json(Map.of("expectedStep", 0)), group.member(0), null, "en");
        assertThat(memberAdvances.statusCode()).isEqualTo(403);
        assertThat(tree(memberAdvances).get("error").asText()).isEqualTo("codevelopment.error.facilitatorOnly");
        assertThat(get("/api/codevelopment/sessions/" + session, outsider, "fr").statusCode()).isEqualTo(404);

        String clientTask = codev.task(session, Steps.TASK_PREPARE_CASE, null).getId();
        HttpResponse<String> someoneElsesTask = post("/api/codevelopment/tasks/" + clientTask + "/prepare-case",
                json(Map.of("title", "Pas mon cas", "context", "Contexte")), outsider, null, "fr");
        assertThat(someoneElsesTask.statusCode()).isEqualTo(404);

        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/tasks")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> inbox = get("/api/tasks", member, "fr");
        assertThat(inbox.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(inbox.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(inbox.headers().firstValue("Set-Cookie")).as("stateless: no session").isEmpty();
    }

    @Test
    void a_question_goes_through_triage_answer_and_accept_and_a_retried_step_is_a_clear_409_that_changes_nothing() throws Exception {
        UUID question = id(post("/api/community/questions",
                json(Map.of("communityId", community, "title", "Délai de grief", "body", "Quel délai ?")), member, null, "fr"));

        String triage = tree(get("/api/community/questions/" + question + "/my-tasks", facilitator, "fr")).get("facilitator").asText();
        assertThat(tree(get("/api/tasks", facilitator, "fr")).findValuesAsText("id")).contains(triage);
        String triageBody = json(Map.of("decision", "CALL_ALL"));
        assertThat(post("/api/community/tasks/" + triage + "/triage", triageBody, facilitator, null, "fr").statusCode()).isEqualTo(200);
        HttpResponse<String> again = post("/api/community/tasks/" + triage + "/triage", triageBody, facilitator, null, "en");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(tree(again).get("error").asText()).isEqualTo("api.error.alreadyDone");
        assertThat(tree(again).get("message").asText()).contains("already completed");
        assertThat(tree(get("/api/tasks", facilitator, "fr")).findValuesAsText("id")).doesNotContain(triage);

        String answer = tree(get("/api/community/questions/" + question + "/my-tasks", expert, "fr")).get("answer").asText();
        assertThat(post("/api/community/tasks/" + answer + "/answer", json(Map.of("body", "Trente jours.")), expert, null, "fr")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> late = post("/api/community/tasks/" + answer + "/answer", json(Map.of("body", "Moi aussi")), colleague, null, "fr");
        assertThat(late.statusCode()).as("the colleague was called on too, but the expert was quicker").isEqualTo(409);
        assertThat(tree(late).get("error").asText()).isEqualTo("tasks.error.alreadyCompleted");
        assertThat(tree(get("/api/community/questions/" + question, member, "fr")).get("posts")).hasSize(1);

        HttpResponse<String> notAsker = post("/api/community/tasks/" + answer + "/accept", json(Map.of("accepted", true)), expert, null, "fr");
        assertThat(notAsker.statusCode()).isIn(404, 409);
        String accept = tree(get("/api/community/questions/" + question + "/my-tasks", member, "fr")).get("accept").asText();
        assertThat(post("/api/community/tasks/" + accept + "/accept", json(Map.of()), member, null, "fr").statusCode())
                .as("accepted is required").isEqualTo(400);
        assertThat(post("/api/community/tasks/" + accept + "/accept", json(Map.of("accepted", true)), member, null, "fr")
                .statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select status from community_question where id = ?", String.class, question))
                .isEqualTo("ACCEPTED");
    }

    @Test
    void a_codevelopment_session_is_launched_once_per_key_and_its_steps_and_entries_go_through_the_api() throws Exception {
        CodevFixture.Group group = codev.group(4);
        String key = "launch-" + UUID.randomUUID();
        UUID session = id(post("/api/codevelopment/groups/" + group.id() + "/sessions", json(Map.of("mode", "LIVE")),
                group.facilitator(), key, "fr"));
        assertThat(id(post("/api/codevelopment/groups/" + group.id() + "/sessions", json(Map.of("mode", "LIVE")),
                group.facilitator(), key, "fr"))).isEqualTo(session);
        assertThat(jdbc.queryForObject("select count(*) from codev_session where group_id = ?", Integer.class, group.id()))
                .isEqualTo(1);

        String client = tree(get("/api/codevelopment/sessions/" + session, group.facilitator(), "fr")).get("clientId").asText();
        String prepare = tree(get("/api/codevelopment/sessions/" + session + "/my-task", client, "fr")).get("taskId").asText();
        HttpResponse<String> empty = post("/api/codevelopment/tasks/" + prepare + "/prepare-case", json(Map.of("title", "")), client, null, "fr");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(post("/api/codevelopment/tasks/" + prepare + "/prepare-case",
                json(Map.of("title", "Mon cas", "context", "Contexte")), client, null, "fr").statusCode()).isEqualTo(200);
        assertThat(post("/api/codevelopment/tasks/" + prepare + "/nonsense", "{}", client, null, "fr").statusCode()).isEqualTo(404);

        List<String> consultants = group.members().stream().filter(m -> !m.equals(client)).toList();
        String open = tree(get("/api/codevelopment/sessions/" + session + "/my-task", group.facilitator(), "fr")).get("taskId").asText();
        assertThat(post("/api/codevelopment/tasks/" + open + "/open", json(Map.of("present", consultants)),
                group.facilitator(), null, "fr").statusCode()).isEqualTo(200);
        String present = tree(get("/api/codevelopment/sessions/" + session + "/my-task", client, "fr")).get("taskId").asText();
        assertThat(post("/api/codevelopment/tasks/" + present + "/finish-presentation", "{}", client, null, "fr").statusCode()).isEqualTo(200);
        assertThat(post("/api/codevelopment/tasks/" + present + "/finish-presentation", "{}", client, null, "fr").statusCode()).isEqualTo(409);

        String entryKey = "q-" + UUID.randomUUID();
        String text = json(Map.of("text", "Depuis quand ?"));
        UUID entry = id(post("/api/codevelopment/sessions/" + session + "/questions", text, consultants.get(0), entryKey, "fr"));
        assertThat(id(post("/api/codevelopment/sessions/" + session + "/questions", text, consultants.get(0), entryKey, "fr")))
                .isEqualTo(entry);
        assertThat(post("/api/codevelopment/sessions/" + session + "/questions", text, client, null, "fr").statusCode())
                .as("the client does not ask clarification questions").isEqualTo(403);
        JsonNode board = tree(get("/api/codevelopment/sessions/" + session, client, "fr"));
        assertThat(board.get("currentStep").asInt()).isEqualTo(2);
        assertThat(board.get("questions")).hasSize(1);
        assertThat(board.get("questions").get(0).get("body").asText()).isEqualTo("Depuis quand ?");
    }

    // ---------------------------------------------------------------- HTTP helpers

    private HttpResponse<String> get(String path, String user, String language) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", basic(user))
                .header("Accept-Language", language).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String user, String key, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", basic(user))
                .header("Accept-Language", language).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String basic(String user) {
        return "Bearer " + data.token(user);
    }

    private static String json(Object value) throws Exception {
        return JSON.writeValueAsString(value);
    }

    private static JsonNode tree(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static UUID id(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return UUID.fromString(tree(response).get("id").asText());
    }
}
