package org.cohorte.community.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.export.PrintLayout;
import org.cohorte.base.export.SpreadsheetText;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.base.time.EngineClock;
import org.cohorte.community.domain.Community;
import org.cohorte.community.domain.KnowledgeArticleRepository;
import org.cohorte.community.domain.PostKind;
import org.cohorte.community.domain.Question;
import org.cohorte.community.domain.QuestionPost;
import org.cohorte.community.domain.QuestionPostRepository;
import org.cohorte.community.domain.QuestionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The community health workbook for a period: questions asked, median time to first answer, share answered
 * within the promise, breaches, most viewed articles, active members by organization. Facilitators and
 * admins only.
 */
@Service
public class CommunityHealthWorkbookExporter {

    public static final String SUMMARY = "summary";
    public static final String ARTICLES = "articles";
    public static final String ORGANIZATIONS = "organizations";

    private final CommunityService communityService;
    private final QuestionRepository questions;
    private final QuestionPostRepository posts;
    private final KnowledgeArticleRepository articles;
    private final CohorteI18NProvider i18n;

    public CommunityHealthWorkbookExporter(CommunityService communityService, QuestionRepository questions,
                                           QuestionPostRepository posts, KnowledgeArticleRepository articles,
                                           CohorteI18NProvider i18n) {
        this.communityService = communityService;
        this.questions = questions;
        this.posts = posts;
        this.articles = articles;
        this.i18n = i18n;
    }

    /** Figures of the period [from, to] (whole days, Montréal time). */
    public record Health(int asked, Double medianHoursToFirstAnswer, int answered, int answeredWithinPromise,
                         double shareWithinPromise, int breaches) {
    }

    @Transactional(readOnly = true)
    public Health health(UUID communityId, LocalDate from, LocalDate to) {
        communityService.requireManager(communityId);
        return compute(period(communityId, from, to));
    }

    @Transactional(readOnly = true)
    public byte[] export(UUID communityId, LocalDate from, LocalDate to, Locale locale) {
        Community community = communityService.requireManager(communityId);
        List<Question> asked = period(communityId, from, to);
        Health health = compute(asked);
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            // Community, article and organization names are typed by members: never let a spreadsheet run them.
            SpreadsheetText texts = new SpreadsheetText(workbook);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle percent = workbook.createCellStyle();
            percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
            CellStyle decimal = workbook.createCellStyle();
            decimal.setDataFormat(workbook.createDataFormat().getFormat("0.0"));

            Sheet summary = workbook.createSheet(t(locale, "community.report.sheet.summary"));
            summary.setColumnWidth(0, 45 * 256);
            PrintLayout.apply(summary, 0, locale);
            summary.setColumnWidth(1, 30 * 256);
            int r = 0;
            row(texts, summary, r++, bold, t(locale, "community.report.community"), community.getName());
            row(texts, summary, r++, null, t(locale, "community.report.period"), from + " – " + to);
            r++;
            numberRow(texts, summary, r++, t(locale, "community.report.asked"), health.asked(), null);
            Row median = summary.createRow(r++);
            texts.write(median, 0, t(locale, "community.report.medianHours"));
            if (health.medianHoursToFirstAnswer() != null) {
                median.createCell(1).setCellValue(health.medianHoursToFirstAnswer());
                median.getCell(1).setCellStyle(decimal);
            } else {
                texts.write(median, 1, "—");
            }
            numberRow(texts, summary, r++, t(locale, "community.report.answered"), health.answered(), null);
            numberRow(texts, summary, r++, t(locale, "community.report.withinPromise", community.getAnswerHours()),
                    health.answeredWithinPromise(), null);
            numberRow(texts, summary, r++, t(locale, "community.report.shareWithinPromise", community.getAnswerHours()),
                    health.shareWithinPromise(), percent);
            numberRow(texts, summary, r++, t(locale, "community.report.breaches"), health.breaches(), null);

            Sheet top = workbook.createSheet(t(locale, "community.report.sheet.articles"));
            top.setColumnWidth(0, 60 * 256);
            PrintLayout.apply(top, 1, locale);
            row(texts, top, 0, bold, t(locale, "community.report.article"), t(locale, "community.report.views"));
            int a = 1;
            for (var article : articles.findTop10ByCommunityIdOrderByViewCountDesc(communityId)) {
                Row row = top.createRow(a++);
                texts.write(row, 0, article.getTitle());
                row.createCell(1).setCellValue(article.getViewCount());
            }

            Sheet orgs = workbook.createSheet(t(locale, "community.report.sheet.organizations"));
            orgs.setColumnWidth(0, 50 * 256);
            PrintLayout.apply(orgs, 1, locale);
            row(texts, orgs, 0, bold, t(locale, "community.report.organization"), t(locale, "community.report.members"),
                    t(locale, "community.report.activeMembers"));
            Set<String> active = activeMembers(asked, communityId, from, to);
            Map<String, int[]> byOrg = new TreeMap<>();
            for (MemberEntry member : communityService.directory(communityId)) {
                String org = member.organization() == null ? t(locale, "community.report.noOrganization") : member.organization();
                int[] counts = byOrg.computeIfAbsent(org, k -> new int[2]);
                counts[0]++;
                if (active.contains(member.userId())) {
                    counts[1]++;
                }
            }
            int o = 1;
            for (var entry : byOrg.entrySet()) {
                Row row = orgs.createRow(o++);
                texts.write(row, 0, entry.getKey());
                row.createCell(1).setCellValue(entry.getValue()[0]);
                row.createCell(2).setCellValue(entry.getValue()[1]);
            }
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Question> period(UUID communityId, LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new CohorteException("community.error.periodInvalid");
        }
        Instant start = from.atStartOfDay(EngineClock.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(EngineClock.ZONE).toInstant();
        return questions.findByCommunityIdAndAskedAtGreaterThanEqualAndAskedAtLessThan(communityId, start, end);
    }

    static Health compute(Collection<Question> asked) {
        List<Double> hours = new ArrayList<>();
        int within = 0;
        int breaches = 0;
        for (Question q : asked) {
            if (q.getFirstAnswerAt() != null) {
                hours.add(Duration.between(q.getAskedAt(), q.getFirstAnswerAt()).toMinutes() / 60.0);
                if (!q.getFirstAnswerAt().isAfter(q.getDueAt())) {
                    within++;
                }
            }
            if (q.isBreached()) {
                breaches++;
            }
        }
        hours.sort(Double::compare);
        Double median = hours.isEmpty() ? null : hours.size() % 2 == 1 ? hours.get(hours.size() / 2)
                : (hours.get(hours.size() / 2 - 1) + hours.get(hours.size() / 2)) / 2;
        return new Health(asked.size(), median, hours.size(), within,
                asked.isEmpty() ? 0 : (double) within / asked.size(), breaches);
    }

    private Set<String> activeMembers(List<Question> asked, UUID communityId, LocalDate from, LocalDate to) {
        Set<String> active = new HashSet<>();
        asked.forEach(q -> active.add(q.getAskedBy()));
        Instant start = from.atStartOfDay(EngineClock.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(EngineClock.ZONE).toInstant();
        List<UUID> ids = questions.findByCommunityIdOrderByAskedAtDesc(communityId,
                org.springframework.data.domain.PageRequest.of(0, 10_000)).stream().map(Question::getId).toList();
        if (!ids.isEmpty()) {
            for (QuestionPost post : posts.findByQuestionIdInAndCreatedAtGreaterThanEqualAndCreatedAtLessThan(ids, start, end)) {
                if (post.getKind() == PostKind.ANSWER) {
                    active.add(post.getAuthor());
                }
            }
        }
        return active;
    }

    private String t(Locale locale, String key, Object... args) {
        return i18n.getTranslation(key, locale, args);
    }

    private static void row(SpreadsheetText texts, Sheet sheet, int index, CellStyle style, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            texts.write(row, i, values[i], style);
        }
    }

    private static void numberRow(SpreadsheetText texts, Sheet sheet, int index, String label, double value,
                                  CellStyle style) {
        Row row = sheet.createRow(index);
        texts.write(row, 0, label);
        row.createCell(1).setCellValue(value);
        if (style != null) {
            row.getCell(1).setCellStyle(style);
        }
    }
}
