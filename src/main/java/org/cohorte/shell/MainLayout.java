package org.cohorte.shell;

import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.PermitAll;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.cohorte.base.push.PushBus;
import org.cohorte.base.ui.LanguagePreference;
import org.cohorte.base.ui.MenuContributor;
import org.cohorte.base.ui.MenuEntry;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.MemberService;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.notification.ui.NotificationBell;

/**
 * The frame around every signed-in screen: side navigation (only the entries the user's roles open),
 * the current screen's title, the language switch and the user menu. Applied to all routes by
 * {@link Layout}; the login page opts out.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final H1 viewTitle = new H1();
    private final CurrentUser currentUser;
    private final MemberService memberService;
    private final AuthenticationContext authenticationContext;

    public MainLayout(List<MenuContributor> contributors, AccessAnnotationChecker accessChecker,
                      CurrentUser currentUser, MemberService memberService,
                      AuthenticationContext authenticationContext, NotificationService notificationService,
                      PushBus push) {
        this.currentUser = currentUser;
        this.memberService = memberService;
        this.authenticationContext = authenticationContext;
        setPrimarySection(Section.DRAWER);
        addClassName("main-layout");

        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel(getTranslation("shell.menu"));
        viewTitle.addClassName("view-title");
        HorizontalLayout header = new HorizontalLayout(toggle, viewTitle, new NotificationBell(notificationService, push, currentUser.userId()),
                languageSwitch(), userMenu());
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.setFlexGrow(1, viewTitle);
        header.addClassName("app-header");
        addToNavbar(header);

        Span brand = new Span("Cohorte");
        brand.addClassName("brand");
        SideNav nav = new SideNav();
        nav.setId("side-nav");
        contributors.stream().flatMap(c -> c.menuEntries().stream())
                .filter(entry -> accessChecker.hasAccess(entry.view()))
                .sorted(Comparator.comparingInt(MenuEntry::order))
                .forEach(entry -> nav.addItem(new SideNavItem(getTranslation(entry.labelKey()), entry.view(), entry.icon().create())));
        // The content area scrolls: it takes the keyboard focus so that it can be scrolled without a mouse even when
        // the screen shows nothing focusable (WCAG 2.1.1; axe's scrollable-region-focusable).
        addAttachListener(attach -> getElement().executeJs("customElements.whenDefined('vaadin-app-layout').then(() => {"
                + " const c = this.shadowRoot && this.shadowRoot.querySelector('[content]');"
                + " if (c && !c.hasAttribute('tabindex')) c.setAttribute('tabindex', '0'); })"));
        VerticalLayout drawer = new VerticalLayout(brand, nav);
        drawer.addClassName("drawer");
        addToDrawer(drawer);
    }

    private Component languageSwitch() {
        boolean english = "en".equals(getLocale().getLanguage());
        Button other = new Button(english ? "FR" : "EN", e -> switchLanguage(english ? "fr" : "en"));
        other.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        other.setId("language-switch");
        other.getElement().setAttribute("title", getTranslation("shell.language.switch"));
        other.getElement().setAttribute("lang", english ? "fr" : "en");
        return other;
    }

    private void switchLanguage(String language) {
        memberService.setMyLanguage(language);
        LanguagePreference.switchTo(currentUser.userId(), language);
    }

    private Component userMenu() {
        String userId = currentUser.userId();
        String name = memberService.displayName(userId);
        // The name is a span of its own so that a phone can hide it (CSS) and keep the icon; the label keeps the name.
        Span nameText = new Span(name);
        nameText.addClassName("user-name-text");
        Button profile = new Button(VaadinIcon.USER.create(), e -> e.getSource().getUI().ifPresent(ui -> ui.navigate("profile")));
        profile.getElement().appendChild(nameText.getElement());
        profile.setAriaLabel(name);
        profile.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        profile.setId("profile-link");
        profile.addClassName("user-name");
        Button logout = new Button(VaadinIcon.SIGN_OUT.create(), e -> authenticationContext.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        logout.setId("logout");
        logout.setAriaLabel(getTranslation("shell.logout"));
        logout.getElement().setAttribute("title", getTranslation("shell.logout"));
        HorizontalLayout menu = new HorizontalLayout(profile, logout);
        menu.setSpacing(false);
        menu.setAlignItems(FlexComponent.Alignment.CENTER);
        return menu;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        Component content = getContent();
        String title = content instanceof HasDynamicTitle titled ? titled.getPageTitle() : "";
        viewTitle.setText(title);
    }
}
