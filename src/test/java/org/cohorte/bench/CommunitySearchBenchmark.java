package org.cohorte.bench;

import static org.cohorte.bench.BenchmarkSupport.figure;
import static org.cohorte.bench.BenchmarkSupport.percentile;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.cohorte.community.domain.SearchText;
import org.cohorte.community.service.QuestionSearch;
import org.cohorte.community.service.SearchResults;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.service.SystemIdentity;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Search before asking over {@value #QUESTIONS} questions and {@value #ARTICLES} articles in 20 communities the
 * user belongs to, through QuestionSearch.search as the community page calls it (questions and articles,
 * accents and case ignored, prefix match). Rows are inserted once per database and reused. Prints figures.
 */
@Tag("benchmark")
class CommunitySearchBenchmark extends IntegrationTest {

    static final int QUESTIONS = Integer.getInteger("bench.search.questions", 60_000);
    static final int ARTICLES = Integer.getInteger("bench.search.articles", 40_000);
    static final int COMMUNITIES = 20;
    static final String USER = "bench.search." + System.getProperty("bench.search.profile", "realistic");
    /**
     * "realistic" (default): text mixes common words, a long tail of 3 000 other terms and the HR terms below, so
     * one HR term appears in about 5 % of documents; "dense": every word is an HR term (each in about 40 % of
     * documents, tens of thousands of matches per query), a worst case.
     */
    static final String PROFILE = System.getProperty("bench.search.profile", "realistic");
    static final String PREFIX = "Banc recherche " + PROFILE + " ";
    static final String[] COMMON = ("le la les de des du un une et à pour avec dans sur nous vous il elle est sont "
            + "a ont qui que ce cette par pas plus au aux en mais ou si leur notre votre").split(" ");
    static final int WARMUP = Integer.getInteger("bench.search.warmup", 30);
    static final int RUNS = Integer.getInteger("bench.search.runs", 300);

    static final String[] WORDS = ("délai carence congé maladie vacances report télétravail dotation affichage poste "
            + "employé gestionnaire rémunération prime rétention accueil intégration formation évaluation rendement "
            + "mutation promotion classement échelon horaire temps partiel retraite préretraite assurance invalidité "
            + "harcèlement civilité conflit médiation relève planification effectif budget indicateur cible équipe "
            + "hybride bureau déménagement équité diversité inclusion langue bilinguisme sécurité santé ergonomie "
            + "stagiaire étudiant contractuel occasionnel permanent probation congédiement démission mesure "
            + "disciplinaire grief syndicat convention collective négociation lettre entente parental maternité "
            + "paternité adoption proche aidant férié compensation surtemps garde astreinte déplacement frais").split(" ");
    static final List<String> QUERIES = List.of("delai carence", "conge maladie", "teletravail", "vacances report",
            "dotation affichage poste", "prime retention", "Évaluation du rendement", "harcelement", "proche aidant",
            "convention collective grief", "temps partiel vacances", "equite", "relève planification", "surtemps",
            "stagiaire etudiant", "promo", "invalidite assurance", "congediement probation", "frais deplacement",
            "Comment calculer les vacances d’un employé à temps partiel ?");

    @Autowired
    QuestionSearch questions;
    @Autowired
    JdbcTemplate jdbc;

    private String database() {
        return jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
    }

    @Test
    void search_before_asking_over_a_hundred_thousand_questions_and_articles() {
        prepare();
        figure("search.questions", countIn("community_question"), "rows");
        figure("search.articles", countIn("knowledge_article"), "rows");
        System.out.println("FIGURE database " + database() + ", profile " + PROFILE);
        List<String> groups = List.of(Roles.PARTICIPANT);
        long[] times = new long[RUNS];
        java.util.Map<String, List<Long>> byQuery = new java.util.LinkedHashMap<>();
        long hits = 0;
        for (int i = -WARMUP; i < RUNS; i++) {
            String query = QUERIES.get(Math.floorMod(i, QUERIES.size()));
            long start = System.nanoTime();
            SearchResults found = SystemIdentity.runAs(USER, groups, () -> questions.search(query));
            long elapsed = System.nanoTime() - start;
            if (i >= 0) {
                times[i] = elapsed;
                byQuery.computeIfAbsent(query, q -> new ArrayList<>()).add(elapsed);
                hits += found.questions().size() + found.articles().size();
            }
        }
        figure("search.resultsPerQuery", (double) hits / RUNS, "results");
        byQuery.forEach((query, list) -> figure("search.p50 \"" + (query.length() > 30 ? query.substring(0, 30) + "…" : query)
                + "\"", percentile(list.stream().mapToLong(Long::longValue).toArray(), 50), "ms"));
        figure("search.p50", percentile(times, 50), "ms");
        figure("search.p95", percentile(times, 95), "ms");
        figure("search.max", percentile(times, 100), "ms");
    }

    private long countIn(String table) {
        return jdbc.queryForObject("select count(*) from " + table + " t join community c on c.id = t.community_id"
                + " where c.name like ?", Long.class, PREFIX + "%");
    }

    private void prepare() {
        List<UUID> communities = jdbc.queryForList("select id from community where name like ?", UUID.class, PREFIX + "%");
        if (communities.size() < COMMUNITIES) {
            Timestamp now = Timestamp.from(Instant.now());
            for (int c = communities.size(); c < COMMUNITIES; c++) {
                UUID id = UUID.randomUUID();
                jdbc.update("insert into community (id, name, theme, charter, open_to_all, created_at, version, answer_hours,"
                        + " reminder_hours) values (?, ?, 'Banc', 'Banc', false, ?, 0, 24, 20)", id, PREFIX + c, now);
                jdbc.update("insert into community_member (community_id, user_id, role, joined_at, email_digest)"
                        + " values (?, ?, 'MEMBER', ?, false)", id, USER, now);
                communities.add(id);
            }
        }
        Random random = new Random(42);
        long existingQuestions = jdbc.queryForObject("select count(*) from community_question q join community c"
                + " on c.id = q.community_id where c.name like ?", Long.class, PREFIX + "%");
        insert(random, communities, QUESTIONS - existingQuestions, true);
        long existingArticles = jdbc.queryForObject("select count(*) from knowledge_article a join community c"
                + " on c.id = a.community_id where c.name like ?", Long.class, PREFIX + "%");
        insert(random, communities, ARTICLES - existingArticles, false);
        if (database().toLowerCase().contains("postgres")) {
            jdbc.execute("vacuum analyze community_question");
            jdbc.execute("vacuum analyze knowledge_article");
        }
    }

    private void insert(Random random, List<UUID> communities, long missing, boolean question) {
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        List<Object[]> batch = new ArrayList<>();
        for (long i = 0; i < missing; i++) {
            String title = sentence(random, 4 + random.nextInt(5));
            String body = sentence(random, 30 + random.nextInt(60));
            String tags = WORDS[random.nextInt(WORDS.length)];
            Timestamp at = Timestamp.from(base.plus(Duration.ofMinutes(random.nextInt(1_000_000))));
            UUID community = communities.get(random.nextInt(communities.size()));
            String search = SearchText.of(title, tags, body);
            if (question) {
                batch.add(new Object[] {UUID.randomUUID(), community, title, body, tags, USER, at,
                        Timestamp.from(at.toInstant().plus(Duration.ofHours(24))), "ACCEPTED", search});
            } else {
                batch.add(new Object[] {UUID.randomUUID(), community, title, body, tags, USER, at, USER, at, search});
            }
            if (batch.size() == 1000 || i == missing - 1) {
                if (question) {
                    jdbc.batchUpdate("insert into community_question (id, community_id, title, body, tags, asked_by, asked_at,"
                            + " due_at, status, breached, view_count, search_text, version)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, false, 0, ?, 0)", batch);
                } else {
                    jdbc.batchUpdate("insert into knowledge_article (id, community_id, title, body, tags, created_by,"
                            + " created_at, updated_by, updated_at, view_count, search_text, version)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0)", batch);
                }
                batch.clear();
            }
        }
    }

    private static final String[] SYLLABLES = "ba ce di fo gu la me ni po ru sa te vi zo cha pre tra bli gro".split(" ");

    /** A long tail of made-up terms standing for the rest of a real vocabulary. */
    private static String tailWord(Random random) {
        int n = random.nextInt(3000);
        return SYLLABLES[n % 19] + SYLLABLES[(n / 19) % 19] + SYLLABLES[(n / 361) % 19] + "que";
    }

    private static String word(Random random) {
        if ("dense".equals(PROFILE)) {
            return WORDS[random.nextInt(WORDS.length)];
        }
        double p = random.nextDouble();
        return p < 0.5 ? COMMON[random.nextInt(COMMON.length)] : p < 0.9 ? tailWord(random) : WORDS[random.nextInt(WORDS.length)];
    }

    private static String sentence(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            String word = w == 0 ? WORDS[random.nextInt(WORDS.length)] : word(random);
            text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word).append(' ');
        }
        return text.toString().strip() + ".";
    }
}
