package org.cohorte.testsupport;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Several application contexts live in one test JVM (the shared one, the single sign-on one, and the applications
 * some tests start by hand). Vaadin installs its security-context strategy in Spring Security's static holder when a
 * context starts, so the last context started wins: the shared context's filters would then fill one strategy while
 * its screens and token filter read another (a signed-in user seen as anonymous, a stale user seen on a fresh
 * request). Before each test class, the static holder gets back the strategy of the context that class runs on.
 */
public class ContextStatics extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
        ApplicationContext context = testContext.getApplicationContext();
        context.getBeanProvider(SecurityContextHolderStrategy.class).ifUnique(strategy -> {
            if (SecurityContextHolder.getContextHolderStrategy() != strategy) {
                SecurityContextHolder.setContextHolderStrategy(strategy);
            }
        });
    }
}
