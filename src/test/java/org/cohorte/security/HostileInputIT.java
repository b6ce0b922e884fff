package org.cohorte.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.camunda.bpm.engine.TaskService;
import org.cohorte.base.error.CohorteException;
import org.cohorte.blocker.domain.BlockerSource;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.domain.TriageDecision;
import org.cohorte.community.service.CalendarService;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.incubator.IncubatorFixture;
import org.cohorte.incubator.domain.Experiment;
import org.cohorte.incubator.domain.ProposalData;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.performance.PerformanceFixture;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Frequency;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorDefinition;
import org.cohorte.performance.service.ImportResult;
import org.cohorte.performance.service.IndicatorImportService;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.performance.service.ReviewService;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.cohorte.testsupport.TestProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hostile corpus of {@code src/test/resources/hostile/}: every case into every text field of the services
 * that take text. Each is refused with a Cohorte error whose message exists in French and English, leaving the
 * tables as they were, or accepted and stored safely (markup removed where rich text is allowed, plain text kept
 * as the characters typed). Malformed workbooks and malformed HTTP requests likewise.
 */
class HostileInputIT extends IntegrationTest {

    private static final AtomicInteger CASES = new AtomicInteger();
    private static final Pattern REPEAT = Pattern.compile("\\{repeat:(.):(\\d+)}");
    private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9A-Fa-f]{4})");
    private static final List<String> DANGEROUS = List.of("<script", "onerror", "onload", "onmouseover", "javascript:",
            "<svg", "<style", "<iframe", "srcdoc", "data:text/html", "expression(", "style=");

    @Autowired DataSource dataSource;
    @Autowired TestProcesses processes;
    @Autowired TaskService taskService;
    @Autowired CommunityService communityService;
    @Autowired QuestionService questionService;
    @Autowired KnowledgeBaseService knowledgeBaseService;
    @Autowired CalendarService calendarService;
    @Autowired CodevFixture codevFixture;
    @Autowired CodevGroupService groupService;
    @Autowired CodevSessionService sessionService;
    @Autowired IncubatorFixture incubatorFixture;
    @Autowired IncubatorService incubatorService;
    @Autowired PerformanceFixture performanceFixture;
    @Autowired IndicatorService indicatorService;
    @Autowired IndicatorImportService importService;
    @Autowired ReviewService reviewService;
    @Autowired BlockerService blockerService;
    @Autowired MemberService memberService;
    @Autowired OrganizationService organizationService;

    @AfterAll
    static void printCount() {
        System.out.println("HOSTILE " + CASES.get() + " cases");
    }

    // ------------------------------------------------------------------ the corpus

    record TextCase(String name, String template) {
        String text(int limit) {
            String t = template.replace("{overLimit}", "{repeat:a:" + (limit + 1) + "}");
            Matcher m = REPEAT.matcher(t);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
            }
            m.appendTail(out);
            Matcher e = ESCAPE.matcher(out.toString());
            StringBuilder decoded = new StringBuilder();
            while (e.find()) {
                e.appendReplacement(decoded, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(e.group(1), 16))));
            }
            e.appendTail(decoded);
            return decoded.toString();
        }
    }

    static List<String[]> lines(String resource, String separator) {
        List<String[]> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                HostileInputIT.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.split(separator, -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    static List<TextCase> textCases() {
        return lines("/hostile/text-cases.txt", "\t").stream().map(l -> new TextCase(l[0], l[1])).toList();
    }

    private static Properties bundle(String language) {
        Properties all = new Properties();
        for (String feature : List.of("base", "blocker", "codevelopment", "community", "identity", "incubator",
                "notification", "onboarding", "performance", "tasks")) {
            try (InputStream in = HostileInputIT.class.getResourceAsStream("/i18n/" + feature + "_" + language + ".properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                    all.putAll(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    private static final Properties FR = bundle("fr");
    private static final Properties EN = bundle("en");

    /** Row counts of Cohorte's tables and of the engine's runtime tables: what a refusal must leave as it was. */
    private Map<String, Long> snapshot() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables()) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        return counts;
    }

    private static List<String> tableNames;

    private List<String> tables() {
        if (tableNames == null) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            List<String> names = new ArrayList<>(jdbc.queryForList("select table_name from information_schema.tables "
                    + "where lower(table_schema) = 'public' and table_type in ('BASE TABLE', 'TABLE')", String.class));
            names.removeIf(n -> n.toLowerCase(Locale.ROOT).startsWith("act_ge") || n.toLowerCase(Locale.ROOT).startsWith("act_hi")
                    || n.toLowerCase(Locale.ROOT).startsWith("act_id") || n.toLowerCase(Locale.ROOT).contains("flyway")
                    // The engine's metrics are flushed in the background, whatever the test does.
                    || n.toLowerCase(Locale.ROOT).contains("meter_log")
                    // An upload counts against its sender's rate limit whether it is imported or refused: that count
                    // is bookkeeping about the attempt, not data the refused file brought in.
                    || n.equalsIgnoreCase("rate_limit_hit"));
            assertThat(names).as("tables to watch").anyMatch(n -> n.equalsIgnoreCase("community_question"))
                    .anyMatch(n -> n.equalsIgnoreCase("act_ru_task"));
            tableNames = names;
        }
        return tableNames;
    }

    // ------------------------------------------------------------------ the fields

    /** Where a text goes: who types it, how it is sent, and how what was stored is read back. */
    interface Target {
        /** Sends the text; returns a handle to read it back with. */
        Object write(String text);

        String stored(Object handle);
    }

    record Field(String name, boolean rich, int limit, Supplier<Target> prepare) {
    }

    private static Target target(String user, TestData data, Function<String, Object> write,
                                 Function<Object, String> read) {
        return new Target() {
            @Override
            public Object write(String text) {
                return data.as(user, () -> write.apply(text));
            }

            @Override
            public String stored(Object handle) {
                return data.as(user, () -> read.apply(handle));
            }
        };
    }

    record Community(String facilitator, String member, String expert, UUID id) {
    }

    private Community community() {
        String facilitator = data.user("h-anim", Roles.FACILITATOR, Roles.PARTICIPANT);
        String member = data.user("h-membre", Roles.PARTICIPANT);
        String expert = data.user("h-expert", Roles.EXPERT, Roles.PARTICIPANT);
        UUID id = data.as(facilitator, () -> {
            UUID c = communityService.create("Hostile " + UUID.randomUUID(), "RH", "Charte", null, List.of(facilitator), false).getId();
            communityService.addMember(c, member, CommunityRole.MEMBER);
            communityService.addMember(c, expert, CommunityRole.EXPERT);
            return c;
        });
        return new Community(facilitator, member, expert, id);
    }

    private String answerTask(Community c) {
        UUID question = data.as(c.member(), () -> questionService.ask(c.id(), "Une question ordinaire", "Un corps.", List.of()));
        String triage = taskService.createTaskQuery().processInstanceBusinessKey(question.toString())
                .taskDefinitionKey(QuestionService.TASK_TRIAGE).singleResult().getId();
        data.as(c.facilitator(), () -> questionService.triage(triage, TriageDecision.ASSIGN, c.expert(), null, null));
        return taskService.createTaskQuery().processInstanceBusinessKey(question.toString())
                .taskDefinitionKey(QuestionService.TASK_ANSWER).singleResult().getId() + "|" + question;
    }

    private ProposalData proposal(IncubatorFixture.Cast cast, String field, String text) {
        ProposalData p = incubatorFixture.proposal(cast, 1000, 4);
        return new ProposalData(field.equals("title") ? text : p.title(), p.organizationId(), p.sponsorId(), p.team(),
                field.equals("problem") ? text : p.problem(), field.equals("hypothesis") ? text : p.hypothesis(),
                field.equals("metric") ? text : p.metric(), field.equals("unit") ? text : p.metricUnit(), p.threshold(),
                p.higherIsBetter(), p.durationWeeks(), p.budget(), field.equals("resources") ? text : p.resources());
    }

    private Field proposalField(String field, boolean rich, int limit) {
        return new Field("incubator proposal " + field, rich, limit, () -> {
            IncubatorFixture.Cast cast = incubatorFixture.cast();
            return target(cast.proposer(), data, text -> incubatorService.propose(proposal(cast, field, text)), id -> {
                Experiment e = incubatorService.get((UUID) id);
                return switch (field) {
                    case "title" -> e.getTitle();
                    case "problem" -> e.getProblem();
                    case "hypothesis" -> e.getHypothesis();
                    case "metric" -> e.getMetric();
                    case "unit" -> e.getMetricUnit();
                    default -> e.getResources();
                };
            });
        });
    }

    private Field caseField(String field, int limit) {
        return new Field("codevelopment case " + field, false, limit, () -> {
            CodevFixture.Group group = codevFixture.group(4);
            UUID session = codevFixture.launch(group, SessionMode.ASYNC);
            String client = codevFixture.clientOf(group, session);
            String task = codevFixture.task(session, Steps.TASK_PREPARE_CASE, client).getId();
            return target(client, data, text -> {
                sessionService.prepareCase(task, field.equals("title") ? text : "Un titre", field.equals("context") ? text : "Contexte",
                        field.equals("tried") ? text : "Essayé", field.equals("stakes") ? text : "Enjeux");
                return session;
            }, s -> {
                var board = sessionService.board((UUID) s);
                return switch (field) {
                    case "title" -> board.caseTitle();
                    case "context" -> board.caseContext();
                    case "tried" -> board.caseTried();
                    default -> board.caseStakes();
                };
            });
        });
    }

    private IndicatorDefinition definition(PerformanceFixture.Org org, String name, String unit) {
        return new IndicatorDefinition(name, unit, 30, java.time.LocalDate.of(2026, 1, 1), 20,
                java.time.LocalDate.of(2027, 1, 1), Direction.LOWER, Frequency.QUARTERLY, org.owner(), org.validator());
    }

    record Session(CodevFixture.Group group, UUID id, String client, List<String> consultants) {
    }

    /** A live session taken to the given step (2 clarification, 3 contract, 4 consultation, 5 synthesis). */
    private Session sessionAtStep(int step) {
        CodevFixture.Group group = codevFixture.group(4);
        UUID id = codevFixture.launch(group, SessionMode.LIVE);
        codevFixture.prepareAndOpen(group, id);
        String client = codevFixture.clientOf(group, id);
        List<String> consultants = codevFixture.consultantsOf(group, id);
        data.as(client, () -> sessionService.finishPresentation(codevFixture.task(id, Steps.TASK_PRESENT_CASE, client).getId()));
        if (step >= 3) {
            for (String c : consultants) {
                data.as(c, () -> sessionService.finishClarification(codevFixture.task(id, Steps.TASK_ASK_QUESTIONS, c).getId()));
            }
            data.as(client, () -> sessionService.finishClarification(codevFixture.task(id, Steps.TASK_ANSWER_QUESTIONS, client).getId()));
        }
        if (step >= 4) {
            data.as(client, () -> sessionService.writeContract(codevFixture.task(id, Steps.TASK_WRITE_CONTRACT, client).getId(),
                    "Comment faire ?"));
            data.as(group.facilitator(), () -> sessionService.validateContract(
                    codevFixture.task(id, Steps.TASK_VALIDATE_CONTRACT, group.facilitator()).getId(), true));
        }
        if (step >= 5) {
            for (String c : consultants) {
                data.as(c, () -> sessionService.finishConsultation(codevFixture.task(id, Steps.TASK_CONSULT, c).getId()));
            }
        }
        return new Session(group, id, client, consultants);
    }

    private final Map<String, Session> sharedSessions = new LinkedHashMap<>();

    /** Questions and contributions do not end a step: every case goes into the same session. */
    private Field sessionEntryField(String name, int step) {
        return new Field(name, false, CodevSessionService.MAX_TEXT, () -> {
            Session s = sharedSessions.computeIfAbsent(name, n -> sessionAtStep(step));
            String consultant = s.consultants().get(0);
            return target(consultant, data, text -> step == 2 ? sessionService.addQuestion(s.id(), text)
                    : sessionService.addContribution(s.id(), text), entry -> {
                var board = sessionService.board(s.id());
                return (step == 2 ? board.questions() : board.contributions()).stream()
                        .filter(e -> e.id().equals(entry)).findFirst().orElseThrow().body();
            });
        });
    }

    private Target measurementTarget(boolean evidence) {
        PerformanceFixture.Org org = performanceFixture.organization("mesure");
        performanceFixture.indicator(org, "Courriels traités", 0, java.time.LocalDate.of(2026, 1, 1), 1000,
                java.time.LocalDate.of(2027, 12, 31), Direction.HIGHER);
        var review = data.as(org.manager(), () -> reviewService.startReview(org.id(), "2026-Q3"));
        String task = taskService.createTaskQuery().processInstanceId(review.getProcessInstanceId())
                .taskAssignee(org.owner()).singleResult().getId();
        return target(org.owner(), data, text -> {
            reviewService.submitMeasurement(task, 10.0, evidence ? "Commentaire" : text,
                    evidence ? "https://example.org/" + text : null);
            return review.getId();
        }, id -> {
            var m = data.as(org.manager(), () -> reviewService.measurements((UUID) id)).get(0);
            return evidence ? m.getEvidenceUrl().substring("https://example.org/".length()) : m.getComment();
        });
    }

    private List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        // Communities: questions, answers, articles, the community itself, its calendar.
        fields.add(new Field("question title", false, 300, () -> {
            Community c = community();
            return target(c.member(), data, text -> questionService.ask(c.id(), text, "Un corps ordinaire.", List.of()),
                    id -> questionService.get((UUID) id).title());
        }));
        fields.add(new Field("question body", true, 10_000, () -> {
            Community c = community();
            return target(c.member(), data, text -> questionService.ask(c.id(), "Une question ordinaire", text, List.of()),
                    id -> questionService.get((UUID) id).body());
        }));
        fields.add(new Field("question tag", false, 50, () -> {
            Community c = community();
            return target(c.member(), data, text -> questionService.ask(c.id(), "Une question ordinaire", "Un corps.", List.of(text)),
                    id -> String.join(",", questionService.get((UUID) id).tags()));
        }));
        fields.add(new Field("answer body", true, 10_000, () -> {
            Community c = community();
            String[] task = answerTask(c).split("\\|");
            return target(c.expert(), data, text -> {
                questionService.answerTask(task[0], text);
                return UUID.fromString(task[1]);
            }, id -> questionService.posts((UUID) id).get(questionService.posts((UUID) id).size() - 1).body());
        }));
        fields.add(new Field("article title", false, KnowledgeBaseService.MAX_TITLE, () -> {
            Community c = community();
            return target(c.member(), data, text -> knowledgeBaseService.publish(c.id(), text, "Corps.", List.of(), null, null),
                    id -> knowledgeBaseService.get((UUID) id).title());
        }));
        // Articles are plain text, shown escaped (ArticleView uses CommunityUi.plain): markup is kept as typed.
        fields.add(new Field("article body", false, KnowledgeBaseService.MAX_BODY, () -> {
            Community c = community();
            return target(c.member(), data, text -> knowledgeBaseService.publish(c.id(), "Un article", text, List.of(), null, null),
                    id -> knowledgeBaseService.get((UUID) id).body());
        }));
        for (String part : List.of("name", "theme", "charter")) {
            int limit = part.equals("name") ? 200 : part.equals("theme") ? 500 : 20_000;
            fields.add(new Field("community " + part, false, limit, () -> {
                String facilitator = data.user("h-anim", Roles.FACILITATOR, Roles.PARTICIPANT);
                String suffix = " " + UUID.randomUUID();
                return target(facilitator, data, text -> communityService.create(
                        part.equals("name") ? text : "Communauté" + suffix, part.equals("theme") ? text : "RH",
                        part.equals("charter") ? text : "Charte", null, List.of(facilitator), false).getId(), id -> {
                    var community = communityService.requireReader((UUID) id);
                    return part.equals("name") ? community.getName() : part.equals("theme") ? community.getTheme() : community.getCharter();
                });
            }));
        }
        fields.add(new Field("calendar activity title", false, 300, () -> {
            Community c = community();
            Instant start = Instant.now().plus(3, ChronoUnit.DAYS);
            return target(c.facilitator(), data, text -> calendarService.schedule(c.id(), text, "CALL", start,
                    start.plus(1, ChronoUnit.HOURS)), id -> calendarService.upcoming(c.id()).stream()
                    .filter(a -> a.id().equals(id)).findFirst().orElseThrow().title());
        }));
        // Codevelopment: the group, the client's case.
        for (String part : List.of("name", "charter")) {
            fields.add(new Field("codevelopment group " + part, false, part.equals("name") ? 200 : 10_000, () -> {
                CodevFixture.Group g = codevFixture.group(4);
                return target(g.facilitator(), data, text -> groupService.create(g.communityId(),
                        part.equals("name") ? text : "Groupe " + UUID.randomUUID(), part.equals("charter") ? text : "Charte",
                        false, g.members()), id -> part.equals("name") ? groupService.get((UUID) id).name()
                        : groupService.get((UUID) id).charter());
            }));
        }
        for (String part : List.of("title", "context", "tried", "stakes")) {
            fields.add(caseField(part, part.equals("title") ? CodevSessionService.MAX_SHORT : CodevSessionService.MAX_LONG));
        }
        // Codevelopment: clarifying questions and contributions (one session for every case), the contract, the synthesis.
        fields.add(sessionEntryField("codevelopment clarifying question", 2));
        fields.add(sessionEntryField("codevelopment contribution", 4));
        fields.add(new Field("codevelopment contract", false, 2000, () -> {
            Session s = sessionAtStep(3);
            return target(s.client(), data, text -> {
                sessionService.writeContract(codevFixture.task(s.id(), Steps.TASK_WRITE_CONTRACT, s.client()).getId(), text);
                return s.id();
            }, id -> sessionService.board((UUID) id).contract());
        }));
        fields.add(new Field("codevelopment synthesis", false, CodevSessionService.MAX_LONG, () -> {
            Session s = sessionAtStep(5);
            return target(s.client(), data, text -> {
                sessionService.synthesize(codevFixture.task(s.id(), Steps.TASK_SYNTHESIZE, s.client()).getId(), text,
                        List.of(new org.cohorte.codevelopment.service.ActionInput("Agir", CodevFixture.inDays(10))), false);
                return s.id();
            }, id -> sessionService.board((UUID) id).synthesis());
        }));
        // Incubator: the proposal.
        fields.add(proposalField("title", false, IncubatorService.MAX_TITLE));
        fields.add(proposalField("problem", false, IncubatorService.MAX_TEXT));
        fields.add(proposalField("hypothesis", false, IncubatorService.MAX_TEXT));
        fields.add(proposalField("metric", false, IncubatorService.MAX_SHORT));
        fields.add(proposalField("unit", false, IncubatorService.MAX_UNIT));
        fields.add(proposalField("resources", false, IncubatorService.MAX_TEXT));
        fields.add(new Field("incubator test card", false, IncubatorService.MAX_TEXT, () -> {
            IncubatorFixture.Cast cast = incubatorFixture.cast();
            UUID id = incubatorFixture.propose(cast, 1000, 4);
            String review = incubatorFixture.task(id, IncubatorService.TASK_REVIEW).getId();
            data.as(cast.committee2(), () -> incubatorService.review(review, org.cohorte.incubator.domain.DecisionKind.APPROVE, ""));
            String card = incubatorFixture.task(id, IncubatorService.TASK_TEST_CARD).getId();
            return target(cast.proposer(), data, text -> {
                incubatorService.submitTestCard(card, text, "ouvrir la réservation", "l’attente", "moins de 15 minutes");
                return id;
            }, e -> incubatorService.history((UUID) e).iterations().get(0).getWeBelieve());
        }));
        // Performance: objectives, indicators, blockers.
        fields.add(new Field("objective title", false, 200, () -> {
            PerformanceFixture.Org org = performanceFixture.organization("hostile");
            return target(org.manager(), data, text -> indicatorService.createObjective(org.id(), text, null).getId(),
                    id -> indicatorService.objective((UUID) id).getTitle());
        }));
        fields.add(new Field("objective description", false, 4000, () -> {
            PerformanceFixture.Org org = performanceFixture.organization("hostile");
            return target(org.manager(), data, text -> indicatorService.createObjective(org.id(), "Objectif", text).getId(),
                    id -> indicatorService.objective((UUID) id).getDescription());
        }));
        fields.add(new Field("indicator name", false, 200, () -> {
            PerformanceFixture.Org org = performanceFixture.organization("hostile");
            return target(org.manager(), data, text -> indicatorService.defineIndicator(org.objectiveId(),
                    definition(org, text, "jours")).getId(), id -> indicatorService.indicator((UUID) id).getName());
        }));
        fields.add(new Field("indicator unit", false, 50, () -> {
            PerformanceFixture.Org org = performanceFixture.organization("hostile");
            return target(org.manager(), data, text -> indicatorService.defineIndicator(org.objectiveId(),
                    definition(org, "Délai", text)).getId(), id -> indicatorService.indicator((UUID) id).getUnit());
        }));
        for (String part : List.of("title", "description")) {
            fields.add(new Field("blocker " + part, false, part.equals("title") ? BlockerService.MAX_TITLE
                    : BlockerService.MAX_DESCRIPTION, () -> {
                PerformanceFixture.Org org = performanceFixture.organization("hostile");
                String advisory = data.user("h-conseil", Roles.ADVISORY);
                Target declare = target(org.manager(), data, text -> blockerService.declare(BlockerSource.INDICATOR,
                        UUID.randomUUID().toString(), org.id(), part.equals("title") ? text : "Un obstacle",
                        part.equals("description") ? text : "Sa description"), id -> null);
                return new Target() {
                    public Object write(String text) {
                        return declare.write(text);
                    }

                    public String stored(Object id) {
                        var blocker = data.as(advisory, () -> blockerService.get((UUID) id));
                        return part.equals("title") ? blocker.getTitle() : blocker.getDescription();
                    }
                };
            }));
        }
        fields.add(new Field("measurement comment", false, IndicatorService.MAX_TEXT, () -> measurementTarget(false)));
        fields.add(new Field("measurement evidence link", false, 1000, () -> measurementTarget(true)));
        // Identity: one's profile, organizations.
        fields.add(new Field("profile display name", false, 200, () -> {
            String member = data.user("h-profil", Roles.PARTICIPANT);
            return target(member, data, text -> {
                memberService.updateMyProfile(text, null, "fr");
                return member;
            }, id -> memberService.myProfile().orElseThrow().getDisplayName());
        }));
        fields.add(new Field("organization name", false, 200, () -> target(data.user("h-admin", Roles.ADMIN), data,
                text -> organizationService.create(text, null, OrganizationType.AGENCY).getId(),
                id -> organizationService.get((UUID) id).getName())));
        fields.add(new Field("organization acronym", false, 30, () -> target(data.user("h-admin", Roles.ADMIN), data,
                text -> organizationService.create("Organisation " + UUID.randomUUID(), text, OrganizationType.AGENCY).getId(),
                id -> organizationService.get((UUID) id).getAcronym())));
        // Last, because they move the engine clock forward (reset before each setup).
        fields.add(new Field("incubator check-in observations", false, IncubatorService.MAX_TEXT, () -> {
            Running e = experimentAt(IncubatorService.TASK_CHECK_IN);
            String task = incubatorFixture.task(e.id(), IncubatorService.TASK_CHECK_IN).getId();
            return target(e.cast().teammate(), data, text -> {
                incubatorService.checkIn(task, text, 20.0, null, null);
                return e.id();
            }, id -> incubatorService.history((UUID) id).checkIns().get(0).getObservations());
        }));
        fields.add(new Field("incubator learning card insights", false, IncubatorService.MAX_TEXT, () -> {
            Running e = experimentAt(IncubatorService.TASK_LEARNING_CARD);
            String task = incubatorFixture.task(e.id(), IncubatorService.TASK_LEARNING_CARD).getId();
            return target(e.cast().teammate(), data, text -> {
                incubatorService.submitLearningCard(task, 12.0, text, "Continuer");
                return e.id();
            }, id -> incubatorService.history((UUID) id).iterations().get(0).getInsights());
        }));
        fields.add(new Field("performance action plan", false, IndicatorService.MAX_TEXT, () -> {
            PerformanceFixture.Org org = performanceFixture.reviewed("plan", 0);
            String task = taskService.createTaskQuery().taskDefinitionKey(ReviewService.TASK_ACTION_PLAN)
                    .taskAssignee(org.owner()).singleResult().getId();
            return target(org.owner(), data, text -> {
                reviewService.submitActionPlan(task, text, null, null);
                return org.id();
            }, id -> {
                UUID review = data.as(org.manager(), () -> reviewService.reviews(org.id())).get(0).getId();
                return data.as(org.manager(), () -> reviewService.measurements(review)).get(0).getActionPlan();
            });
        }));
        return fields;
    }

    record Running(IncubatorFixture.Cast cast, UUID id) {
    }

    /** An approved experiment with its test card, run forward to the check-in or to the learning card. */
    private Running experimentAt(String taskKey) {
        org.camunda.bpm.engine.impl.util.ClockUtil.reset();
        IncubatorFixture.Cast cast = incubatorFixture.cast();
        UUID id = incubatorFixture.propose(cast, 1000, 4);
        String review = incubatorFixture.task(id, IncubatorService.TASK_REVIEW).getId();
        data.as(cast.committee2(), () -> incubatorService.review(review, org.cohorte.incubator.domain.DecisionKind.APPROVE, ""));
        String card = incubatorFixture.task(id, IncubatorService.TASK_TEST_CARD).getId();
        data.as(cast.proposer(), () -> incubatorService.submitTestCard(card, "Les citoyens préfèrent réserver",
                "ouvrir la réservation", "l’attente", "moins de 15 minutes"));
        moveClock(java.time.Duration.ofDays(7));
        incubatorFixture.fireDueTimers(id);
        if (taskKey.equals(IncubatorService.TASK_LEARNING_CARD)) {
            moveClock(java.time.Duration.ofDays(60));
            incubatorFixture.fireDueTimers(id);
        }
        return new Running(cast, id);
    }

    private static void moveClock(java.time.Duration duration) {
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
                org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant().plus(duration)));
    }

    // ------------------------------------------------------------------ the checks

    @Test
    void every_hostile_text_in_every_text_field_is_refused_cleanly_or_stored_safely() {
        List<String> failures = new ArrayList<>();
        List<TextCase> cases = textCases();
        for (Field field : fields()) {
            for (TextCase c : cases) {
                String text = c.text(field.limit());
                Target target = field.prepare().get();
                Map<String, Long> before = snapshot();
                String label = field.name() + " <- " + c.name();
                CASES.incrementAndGet();
                Object handle;
                try {
                    handle = target.write(text);
                } catch (CohorteException e) {
                    if (!FR.containsKey(e.getMessageKey()) || !EN.containsKey(e.getMessageKey())) {
                        failures.add(label + ": refused with " + e.getMessageKey() + ", a key missing in a bundle");
                    }
                    Map<String, Long> after = snapshot();
                    if (!after.equals(before)) {
                        failures.add(label + ": refused (" + e.getMessageKey() + ") but tables changed: " + diff(before, after));
                    }
                    continue;
                } catch (RuntimeException e) {
                    failures.add(label + ": " + e.getClass().getName() + ": " + abbreviate(String.valueOf(e.getMessage())));
                    continue;
                }
                String stored = target.stored(handle);
                String problem = field.rich() ? unsafeRichText(stored) : notKeptAsText(text, stored);
                if (problem != null) {
                    failures.add(label + ": accepted but " + problem + ": " + abbreviate(stored));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String diff(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder out = new StringBuilder();
        after.forEach((table, count) -> {
            if (!count.equals(before.get(table))) {
                out.append(table).append(' ').append(before.get(table)).append("->").append(count).append(' ');
            }
        });
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "…(" + s.length() + ")" : s;
    }

    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    /** Rich text: stored with markup allowed, but no tag or attribute that runs or restyles the page. */
    static String unsafeRichText(String stored) {
        if (stored == null || stored.isBlank()) {
            return "stored empty";
        }
        // Text between tags is escaped by the sanitizer (a typed "<" is "&lt;"): only the markup itself can act.
        Matcher tags = TAG.matcher(stored);
        while (tags.find()) {
            String raw = tags.group().toLowerCase(Locale.ROOT);
            String compact = raw.replaceAll("\\s", "");
            for (String dangerous : DANGEROUS) {
                if (compact.contains(dangerous.replaceAll("\\s", ""))) {
                    return "still holds " + tags.group();
                }
            }
            if (raw.matches("(?s)<[a-z][^>]*\\son[a-z]+\\s*=.*")) {
                return "still holds an event handler: " + tags.group();
            }
        }
        return null;
    }

    /** Plain text: stored as the characters typed (trimmed, maybe with spaces collapsed), never interpreted. */
    static String notKeptAsText(String typed, String stored) {
        if (stored == null) {
            return "stored nothing";
        }
        // Services trim, may collapse spaces or lower-case (tags), and drop what PlainText drops: any mix of those.
        for (String base : List.of(typed.strip(), typed.trim(), clean(typed))) {
            for (String candidate : List.of(base, base.replaceAll("\\s+", " "))) {
                if (stored.equals(candidate) || stored.equals(candidate.toLowerCase(Locale.ROOT))) {
                    return null;
                }
            }
        }
        return "stored differently from what was typed";
    }

    /** What Cohorte makes of typed text: control characters and lone surrogates dropped, spaces kept. */
    static String clean(String typed) {
        return org.cohorte.base.text.PlainText.clean(typed).strip();
    }

    // ------------------------------------------------------------------ workbooks

    @Test
    void malformed_and_hostile_workbooks_are_refused_and_import_nothing() throws IOException {
        List<String> failures = new ArrayList<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : List.of("zip-bomb.xlsx", "oversized.xlsx", "not-a-spreadsheet.xlsx", "plain-zip.xlsx",
                "legacy-binary.xls.xlsx", "truncated.xlsx")) {
            try (InputStream in = getClass().getResourceAsStream("/performance/import/" + name)) {
                files.put(name, in.readAllBytes());
            }
        }
        files.put("empty", new byte[0]);
        files.put("html-named-xlsx", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        files.put("pk-header-only", new byte[] {'P', 'K', 3, 4});
        PerformanceFixture.Org org = performanceFixture.organization("classeur");
        byte[] template = data.as(org.manager(), () -> importService.template(org.id(), Locale.FRENCH));
        files.put("xxe-external-entity", HostileWorkbooks.withDoctype(template, "file:///etc/passwd"));
        files.put("billion-laughs", HostileWorkbooks.billionLaughs(template));
        files.put("hostile-cells", HostileWorkbooks.hostileCells(template));
        for (var file : files.entrySet()) {
            CASES.incrementAndGet();
            Map<String, Long> before = snapshot();
            try {
                ImportResult result = data.as(org.manager(), () -> importService.importWorkbook(org.id(),
                        new java.io.ByteArrayInputStream(file.getValue())));
                if (result.errors().isEmpty()) {
                    failures.add(file.getKey() + ": imported without an error");
                }
            } catch (CohorteException e) {
                if (!FR.containsKey(e.getMessageKey()) || !EN.containsKey(e.getMessageKey())) {
                    failures.add(file.getKey() + ": key " + e.getMessageKey() + " missing in a bundle");
                }
            } catch (RuntimeException e) {
                failures.add(file.getKey() + ": " + e.getClass().getName() + ": " + abbreviate(e.getMessage()));
            }
            if (!snapshot().equals(before)) {
                failures.add(file.getKey() + ": tables changed " + diff(before, snapshot()));
            }
        }
        assertThat(failures).isEmpty();
    }

    // ------------------------------------------------------------------ HTTP

    @Test
    void malformed_requests_and_wrong_content_types_get_a_clean_client_error() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        processes.personalTask(data.user("h-deploy", Roles.PARTICIPANT), null);
        performanceFixture.organization("http"); // so that the forum reads at least one organization
        Map<String, String> users = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (String[] c : lines("/hostile/http-cases.txt", ";")) {
            String name = c[0], method = c[1], contentType = c[3], role = c[5];
            String path = new TextCase(name, c[2]).text(0);
            String body = new TextCase(name, c[4]).text(0);
            Set<String> expected = Set.of(c[6].split("\\|"));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path));
            if (!role.equals("anonymous")) {
                String user = users.computeIfAbsent(role, r -> data.user("h-" + r, r));
                request.header("Authorization", "Bearer " + data.token(user));
            }
            if (!contentType.isEmpty()) {
                request.header("Content-Type", contentType);
            }
            request.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            CASES.incrementAndGet();
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!expected.contains(String.valueOf(response.statusCode()))) {
                failures.add(name + ": expected " + expected + " but got " + response.statusCode() + " " + abbreviate(response.body()));
            }
            if (type.contains("html") && response.body().toLowerCase(Locale.ROOT).contains("<script>alert")) {
                failures.add(name + ": the hostile text came back as HTML");
            }
        }
        assertThat(failures).isEmpty();
    }
}
