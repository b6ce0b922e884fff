package org.cohorte.testsupport;

import java.io.File;

import jakarta.servlet.ServletException;

import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.function.DeploymentConfiguration;
import org.springframework.context.ApplicationContext;

/**
 * Karibu's servlet points the JVM-wide front-end folder system property at src/main/frontend (a workaround
 * for a Flow issue). The real dev-mode server of the same test JVM reads that property too and would then
 * no longer find ui/index.html, so it is pointed back at Cohorte's ui/ folder.
 */
class CohorteMockServlet extends MockSpringServlet {

    private static final String FRONTEND_FOLDER = new File("ui").getAbsolutePath();

    CohorteMockServlet(Routes routes, ApplicationContext context) {
        super(routes, context, UI::new);
    }

    @Override
    protected DeploymentConfiguration createDeploymentConfiguration() throws ServletException {
        DeploymentConfiguration configuration = super.createDeploymentConfiguration();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.endsWith("frontend.frontend.folder"))
                .forEach(name -> System.setProperty(name, FRONTEND_FOLDER));
        return configuration;
    }
}
