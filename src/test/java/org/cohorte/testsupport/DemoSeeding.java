package org.cohorte.testsupport;

import java.lang.reflect.Constructor;

import org.camunda.bpm.engine.IdentityService;
import org.cohorte.base.startup.StartupTask;
import org.cohorte.demo.DemoDataSeeder;
import org.cohorte.demo.IncubatorDemoSeeder;
import org.cohorte.demo.PerformanceDemoSeeder;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo data (accounts, GAR indicators, incubator experiments) in the shared test context, as the default
 * profile does at start-up: the seeders are built with demo enabled and their other beans from the context. Each
 * seeder runs once only (it checks what is there), so tests calling this in any order see one demo.
 */
@Component
public class DemoSeeding {

    private final ApplicationContext context;

    public DemoSeeding(ApplicationContext context) {
        this.context = context;
    }

    public synchronized void seed() {
        if (context.getBean(IdentityService.class).createUserQuery().userId("admin").count() == 0) {
            context.getBean(DemoDataSeeder.class).seed();
        }
        enabled(PerformanceDemoSeeder.class).runAtStartup();
        enabled(IncubatorDemoSeeder.class).runAtStartup();
    }

    private <T extends StartupTask> T enabled(Class<T> type) {
        try {
            Constructor<?> constructor = type.getConstructors()[0];
            Class<?>[] parameters = constructor.getParameterTypes();
            Object[] args = new Object[parameters.length];
            for (int p = 0; p < parameters.length; p++) {
                // The first parameter is the demo switch; the others are beans.
                args[p] = p == 0 ? Boolean.TRUE : context.getBean(parameters[p]);
            }
            return type.cast(constructor.newInstance(args));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
