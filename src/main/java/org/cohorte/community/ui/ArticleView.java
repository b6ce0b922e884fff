package org.cohorte.community.ui;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ConflictException;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.community.service.ArticleSummary;
import org.cohorte.community.service.ArticleVersionSummary;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.community.service.QuestionSummary;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.Roles;

/**
 * A knowledge-base article: text, tags, views, the questions it came from or answered, its full history, and
 * editing where a concurrent change is shown beside the editor's own text so they can merge, never lose it.
 */
@Route("article")
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.PARTICIPANT, Roles.EXPERT, Roles.MANAGER, Roles.COMMITTEE,
        Roles.ADVISORY, Roles.FORUM})
public class ArticleView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final KnowledgeBaseService knowledgeBase;
    private final QuestionService questionService;
    private final CommunityService communityService;
    private final MemberService memberService;
    private final CurrentUser currentUser;
    private UUID articleId;
    private String title = "";

    public ArticleView(KnowledgeBaseService knowledgeBase, QuestionService questionService,
                       CommunityService communityService, MemberService memberService, CurrentUser currentUser) {
        this.knowledgeBase = knowledgeBase;
        this.questionService = questionService;
        this.communityService = communityService;
        this.memberService = memberService;
        this.currentUser = currentUser;
        addClassName("community-view");
        setMaxWidth("60rem");
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        try {
            articleId = UUID.fromString(parameter);
        } catch (IllegalArgumentException e) {
            articleId = null;
        }
        show(true);
    }

    private void show(boolean countView) {
        removeAll();
        ArticleSummary article;
        try {
            if (articleId == null) {
                throw new CohorteException("knowledge.error.notFound");
            }
            article = countView ? knowledgeBase.view(articleId) : knowledgeBase.get(articleId);
        } catch (CohorteException e) {
            title = getTranslation("knowledge.notFound.title");
            add(new H2(title), new Paragraph(getTranslation(e.getMessageKey(), e.getArgs())));
            return;
        }
        title = article.title();
        communityService.readable(article.communityId()).ifPresent(c ->
                add(new RouterLink("← " + c.getName(), CommunityView.class, c.getId().toString())));
        H2 heading = new H2(article.title());
        heading.setId("article-heading");
        add(heading);
        var names = memberService.displayNames(List.of(article.createdBy(), article.updatedBy()));
        Div meta = new Div(new Span(getTranslation("knowledge.updated", names.get(article.updatedBy()),
                Formats.dateTime(article.updatedAt(), getLocale()))),
                new Span(getTranslation("knowledge.views", article.viewCount() + (countView ? 1 : 0))));
        meta.addClassName("community-meta");
        add(meta, CommunityUi.tags(article.tags()), CommunityUi.plain(article.body()));
        if (communityService.isMember(article.communityId(), currentUser.userId())) {
            Button edit = new Button(getTranslation("knowledge.edit"), VaadinIcon.EDIT.create(), e -> edit(article, null));
            edit.setId("article-edit");
            add(edit);
        }
        List<QuestionSummary> linked = questionService.linkedToArticle(articleId);
        if (!linked.isEmpty()) {
            add(new H3(getTranslation("knowledge.sourceQuestions")));
            linked.forEach(q -> add(new RouterLink(q.title(), QuestionView.class, q.id().toString())));
        }
        add(new H3(getTranslation("knowledge.history")));
        List<ArticleVersionSummary> history = knowledgeBase.history(articleId);
        var editors = memberService.displayNames(history.stream().map(ArticleVersionSummary::editedBy).distinct().toList());
        for (ArticleVersionSummary v : history) {
            String summary = getTranslation("knowledge.version", v.versionNumber(), editors.get(v.editedBy()),
                    Formats.dateTime(v.editedAt(), getLocale()))
                    + (v.changeNote() == null ? "" : " — " + v.changeNote());
            Details details = new Details(summary, CommunityUi.plain(v.body()));
            details.addClassName("community-version");
            add(details);
        }
    }

    /** The edit dialog; {@code theirs} is the text someone else saved meanwhile, shown to merge by hand. */
    private void edit(ArticleSummary base, String mine) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("knowledge.edit"));
        dialog.setWidth("min(50rem, 95vw)");
        TextField titleField = new TextField(getTranslation("knowledge.field.title"), base.title(), "");
        titleField.setWidthFull();
        TextArea body = new TextArea(getTranslation("knowledge.field.body"));
        body.setId("article-body");
        body.setWidthFull();
        body.setMinHeight("12rem");
        body.setValue(mine == null ? base.body() : mine);
        TextField tags = new TextField(getTranslation("question.field.tags"), String.join(", ", base.tags()), "");
        tags.setWidthFull();
        TextField note = new TextField(getTranslation("knowledge.field.note"));
        note.setWidthFull();
        VerticalLayout content = new VerticalLayout();
        if (mine != null) {
            Paragraph warning = new Paragraph(getTranslation("knowledge.mergeHelp"));
            warning.addClassName("community-conflict");
            TextArea theirs = new TextArea(getTranslation("knowledge.theirVersion"));
            theirs.setValue(base.body());
            theirs.setReadOnly(true);
            theirs.setWidthFull();
            theirs.setId("article-theirs");
            content.add(warning, theirs);
        }
        content.add(titleField, body, tags, note);
        Button save = new Button(getTranslation("common.save"), e -> {
            try {
                knowledgeBase.revise(articleId, base.version(), titleField.getValue(), body.getValue(),
                        CommunityUi.parseTags(tags.getValue()), note.getValue());
                dialog.close();
                Notifier.success("common.saved");
                show(false);
            } catch (ConflictException conflict) {
                Notifier.error(conflict);
                dialog.close();
                edit(knowledgeBase.get(articleId), body.getValue());
            } catch (CohorteException other) {
                Notifier.error(other);
            }
        });
        save.setId("article-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(content);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
