package org.cohorte.codevelopment.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.export.PrintLayout;
import org.cohorte.base.export.SpreadsheetText;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.domain.CodevActionRepository;
import org.cohorte.codevelopment.domain.CodevEntry;
import org.cohorte.codevelopment.domain.CodevEntryRepository;
import org.cohorte.codevelopment.domain.CodevGroup;
import org.cohorte.codevelopment.domain.CodevGroupMember;
import org.cohorte.codevelopment.domain.CodevGroupMemberRepository;
import org.cohorte.codevelopment.domain.CodevGroupRepository;
import org.cohorte.codevelopment.domain.CodevParticipant;
import org.cohorte.codevelopment.domain.CodevParticipantRepository;
import org.cohorte.codevelopment.domain.CodevSession;
import org.cohorte.codevelopment.domain.CodevSessionRepository;
import org.cohorte.codevelopment.domain.EntryKind;
import org.cohorte.codevelopment.domain.SessionStatus;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.MemberService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A group's activity as an .xlsx workbook: sessions, attendance, rotation and ratings. Case titles and
 * contracts only for those who read the group's cases (its facilitator and members); an administrator
 * gets the activity without any case content.
 */
@Service
public class GroupWorkbookExporter {

    private final CodevGroupRepository groups;
    private final CodevGroupMemberRepository members;
    private final CodevSessionRepository sessions;
    private final CodevParticipantRepository participants;
    private final CodevEntryRepository entries;
    private final CodevGroupService groupService;
    private final CurrentUser currentUser;
    private final MemberService memberService;
    private final CohorteI18NProvider i18n;
    private final CodevActionRepository actions;

    public GroupWorkbookExporter(CodevGroupRepository groups, CodevGroupMemberRepository members,
                                 CodevSessionRepository sessions, CodevParticipantRepository participants,
                                 CodevEntryRepository entries, CodevGroupService groupService, CurrentUser currentUser,
                                 MemberService memberService, CohorteI18NProvider i18n, CodevActionRepository actions) {
        this.groups = groups;
        this.members = members;
        this.sessions = sessions;
        this.participants = participants;
        this.entries = entries;
        this.groupService = groupService;
        this.currentUser = currentUser;
        this.memberService = memberService;
        this.i18n = i18n;
        this.actions = actions;
    }

    @Transactional(readOnly = true)
    public byte[] export(UUID groupId, Locale locale) {
        CurrentUser.Identity me = currentUser.require();
        CodevGroup group = groups.findById(groupId).orElseThrow(() -> new NotFoundException("codevelopment.error.notFound"));
        boolean reader = groupService.canRead(group, me.userId());
        if (!reader && !me.isAdmin()) {
            throw new NotFoundException("codevelopment.error.notFound");
        }
        List<CodevSession> list = new ArrayList<>(sessions.findByGroupIdOrderByScheduledAtDesc(groupId));
        java.util.Collections.reverse(list);
        List<UUID> ids = list.stream().map(CodevSession::getId).toList();
        List<CodevParticipant> people = participants.findByIdSessionIdIn(ids);
        List<CodevEntry> ratings = entries.findBySessionIdIn(ids).stream()
                .filter(e -> e.getKind() == EntryKind.LEARNING && e.getRating() != null).toList();
        List<CodevGroupMember> all = members.findByIdGroupId(groupId);
        List<String> userIds = new ArrayList<>(all.stream().map(CodevGroupMember::getUserId).toList());
        people.forEach(p -> userIds.add(p.getUserId()));
        list.forEach(s -> userIds.add(s.getFacilitatorId()));
        ratings.forEach(r -> userIds.add(r.getAuthorId()));
        Map<String, String> names = memberService.displayNames(userIds.stream().distinct().toList());

        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            // Display names, case titles and contracts are typed by members: never let a spreadsheet run them.
            SpreadsheetText texts = new SpreadsheetText(workbook);
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));

            List<String> sessionColumns = new ArrayList<>(List.of("date", "mode", "status", "client", "consultants",
                    "rating", "actions", "followedUp"));
            if (reader) {
                sessionColumns.addAll(List.of("caseTitle", "contract"));
            }
            Sheet sheet = sheet(workbook, texts, "sessions", sessionColumns, header, locale);
            int r = 1;
            for (CodevSession s : list) {
                Row row = sheet.createRow(r++);
                dateCell(row, 0, s.getScheduledAt(), date);
                texts.write(row, 1, t("codevelopment.mode." + s.getMode(), locale));
                texts.write(row, 2, t("codevelopment.status." + s.getStatus(), locale));
                texts.write(row, 3, names.get(s.getClientId()));
                row.createCell(4).setCellValue(people.stream().filter(p -> p.getSessionId().equals(s.getId())
                        && p.getRole() == org.cohorte.codevelopment.domain.ParticipantRole.CONSULTANT && p.isPresent()).count());
                ratings.stream().filter(e -> e.getSessionId().equals(s.getId())).mapToInt(CodevEntry::getRating).average()
                        .ifPresent(avg -> row.createCell(5).setCellValue(Math.round(avg * 10) / 10.0));
                row.createCell(6).setCellValue(actions.findBySessionIdOrderByPosition(s.getId()).size());
                texts.write(row, 7, t(s.getFollowUpReport() != null ? "codevelopment.yes" : "codevelopment.no", locale));
                if (reader) {
                    texts.write(row, 8, s.getCaseTitle() == null ? "" : s.getCaseTitle());
                    texts.write(row, 9, s.getContract() == null ? "" : s.getContract());
                }
            }

            sheet = sheet(workbook, texts, "attendance", List.of("date", "member", "role", "present"), header, locale);
            r = 1;
            for (CodevSession s : list) {
                for (CodevParticipant p : people.stream().filter(p -> p.getSessionId().equals(s.getId()))
                        .sorted((a, b) -> a.getRole().compareTo(b.getRole())).toList()) {
                    Row row = sheet.createRow(r++);
                    dateCell(row, 0, s.getScheduledAt(), date);
                    texts.write(row, 1, names.get(p.getUserId()));
                    texts.write(row, 2, t("codevelopment.role." + p.getRole(), locale));
                    texts.write(row, 3, t(p.isPresent() ? "codevelopment.yes" : "codevelopment.no", locale));
                }
            }

            sheet = sheet(workbook, texts, "rotation",
                    List.of("member", "timesClient", "timesInCycle", "lastClient", "active"), header, locale);
            Map<String, Long> totals = new HashMap<>();
            list.stream().filter(s -> s.getStatus() != SessionStatus.CANCELLED)
                    .forEach(s -> totals.merge(s.getClientId(), 1L, Long::sum));
            Map<String, RotationPlanner.Standing> standing = new HashMap<>();
            CodevGroupService.rotation(all, list).forEach(st -> standing.put(st.userId(), st));
            r = 1;
            for (CodevGroupMember m : all) {
                Row row = sheet.createRow(r++);
                RotationPlanner.Standing st = standing.get(m.getUserId());
                texts.write(row, 0, names.get(m.getUserId()));
                row.createCell(1).setCellValue(totals.getOrDefault(m.getUserId(), 0L));
                row.createCell(2).setCellValue(st == null ? 0 : st.timesInCycle());
                if (st != null && st.lastTime() != null) {
                    dateCell(row, 3, st.lastTime(), date);
                }
                texts.write(row, 4, t(m.isActive() ? "codevelopment.yes" : "codevelopment.no", locale));
            }

            sheet = sheet(workbook, texts, "ratings", List.of("date", "participant", "rating"), header, locale);
            r = 1;
            for (CodevSession s : list) {
                for (CodevEntry e : ratings.stream().filter(e -> e.getSessionId().equals(s.getId())).toList()) {
                    Row row = sheet.createRow(r++);
                    dateCell(row, 0, s.getScheduledAt(), date);
                    texts.write(row, 1, names.get(e.getAuthorId()));
                    row.createCell(2).setCellValue(e.getRating());
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Sheet sheet(SXSSFWorkbook workbook, SpreadsheetText texts, String key, List<String> columns,
                        CellStyle header, Locale locale) {
        SXSSFSheet sheet = workbook.createSheet(t("codevelopment.export.sheet." + key, locale));
        Row row = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            texts.write(row, i, t("codevelopment.export.column." + columns.get(i), locale), header);
            sheet.setColumnWidth(i, 22 * 256);
        }
        sheet.createFreezePane(0, 1);
        PrintLayout.apply(sheet, 1, locale);
        return sheet;
    }

    private static void dateCell(Row row, int column, java.time.Instant instant, CellStyle style) {
        var cell = row.createCell(column);
        cell.setCellValue(LocalDateTime.ofInstant(instant, EngineClock.ZONE));
        cell.setCellStyle(style);
    }

    private String t(String key, Locale locale) {
        return i18n.getTranslation(key, locale);
    }
}
