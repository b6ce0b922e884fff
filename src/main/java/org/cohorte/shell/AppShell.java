package org.cohorte.shell;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.Theme;

/**
 * Page-wide settings. Server push carries live updates (the codevelopment board); client-to-server
 * messages stay on XHR so that each goes through the servlet filters (security, engine identity).
 */
@Theme("cohorte")
@Push(value = PushMode.AUTOMATIC, transport = Transport.WEBSOCKET_XHR)
public class AppShell implements AppShellConfigurator {
}
