package org.cohorte.identity.ui;

import java.util.concurrent.atomic.AtomicReference;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.identity.service.ApiTokenService;
import org.cohorte.identity.service.ApiTokenService.TokenSummary;

/**
 * "Jetons d'accès" on Mon profil: the member's personal access tokens for the work API (scripts, other tools).
 * A new token is shown once, in a dialog, and never again; a token can be revoked at any time.
 */
class ApiTokensPanel extends VerticalLayout {

    private final ApiTokenService tokens;
    private final Grid<TokenSummary> grid = new Grid<>();

    ApiTokensPanel(ApiTokenService tokens) {
        this.tokens = tokens;
        setPadding(false);
        setId("api-tokens");

        TextField label = new TextField(getTranslation("identity.token.label"));
        label.setId("token-label");
        label.setMaxLength(ApiTokenService.MAX_LABEL);
        label.setPlaceholder(getTranslation("identity.token.labelPlaceholder"));
        Select<Integer> validity = new Select<>();
        validity.setId("token-validity");
        validity.setLabel(getTranslation("identity.token.validity"));
        validity.setItems(ApiTokenService.VALIDITY_DAYS);
        validity.setItemLabelGenerator(days -> getTranslation("identity.token.days", days));
        validity.setValue(90);
        Button create = new Button(getTranslation("identity.token.create"), e -> {
            AtomicReference<ApiTokenService.NewToken> made = new AtomicReference<>();
            if (Notifier.attempt(() -> made.set(tokens.create(label.getValue(), validity.getValue())))) {
                label.clear();
                refresh();
                show(made.get());
            }
        });
        create.setId("token-create");
        HorizontalLayout form = new HorizontalLayout(label, validity, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        grid.setId("token-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        org.cohorte.base.ui.PhoneGrids.keepOnPhone(grid, 0, 2, 4);
        grid.addColumn(TokenSummary::label).setHeader(getTranslation("identity.token.label")).setFlexGrow(2);
        grid.addColumn(t -> Formats.date(t.createdAt(), getLocale())).setHeader(getTranslation("identity.token.created"));
        grid.addColumn(t -> Formats.date(t.expiresAt(), getLocale())).setHeader(getTranslation("identity.token.expires"));
        grid.addColumn(t -> t.lastUsedAt() == null ? getTranslation("identity.token.neverUsed")
                : Formats.dateTime(t.lastUsedAt(), getLocale())).setHeader(getTranslation("identity.token.lastUsed"));
        grid.addComponentColumn(t -> {
            Button revoke = new Button(getTranslation("identity.token.revoke"), e -> {
                if (Notifier.attempt(() -> tokens.revoke(t.id()))) {
                    Notifier.success("identity.token.revoked", t.label());
                    refresh();
                }
            });
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return revoke;
        }).setAutoWidth(true).setFlexGrow(0);

        add(new H3(getTranslation("identity.token.title")), new Paragraph(getTranslation("identity.token.help")), form, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(tokens.mine());
    }

    private void show(ApiTokenService.NewToken token) {
        Dialog dialog = new Dialog();
        dialog.setId("token-dialog");
        dialog.setHeaderTitle(getTranslation("identity.token.madeTitle", token.summary().label()));
        TextArea secret = new TextArea();
        secret.setId("token-secret");
        secret.setValue(token.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        dialog.add(new Paragraph(getTranslation("identity.token.madeHelp")), secret,
                new Paragraph(getTranslation("identity.token.usage")));
        Button close = new Button(getTranslation("identity.token.copiedClose"), e -> dialog.close());
        close.setId("token-dialog-close");
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(close);
        dialog.setMaxWidth("40rem");
        dialog.open();
    }
}
