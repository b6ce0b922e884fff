package org.cohorte.community.ui;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import org.cohorte.base.ui.Formats;
import org.cohorte.community.service.QuestionService;
import org.cohorte.community.service.QuestionSummary;
import org.cohorte.identity.service.Roles;

/** The facilitator's queue: questions still waiting for a first answer, the nearest promise first. */
@Route("community-queue")
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR})
public class QuestionQueueView extends VerticalLayout implements HasDynamicTitle {

    public QuestionQueueView(QuestionService questionService) {
        addClassName("community-view");
        setMaxWidth("60rem");
        add(new H2(getTranslation("community.queue.title")));
        List<QuestionSummary> queue = questionService.queue();
        Div list = new Div();
        list.setId("community-queue");
        list.setWidthFull();
        if (queue.isEmpty()) {
            list.add(new Paragraph(getTranslation("community.queue.empty")));
        }
        for (QuestionSummary q : queue) {
            Div card = new Div();
            card.addClassName("community-card");
            RouterLink link = new RouterLink(q.title(), QuestionView.class, q.id().toString());
            link.addClassName("community-card-title");
            Div meta = new Div(CommunityUi.promise(this, q), CommunityUi.statusBadge(this, q.status()),
                    new Span(q.communityName() + " · " + q.askedByName() + " · " + Formats.dateTime(q.askedAt(), getLocale())));
            meta.addClassName("community-meta");
            card.add(link, meta);
            list.add(card);
        }
        add(list);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("community.queue.title");
    }
}
