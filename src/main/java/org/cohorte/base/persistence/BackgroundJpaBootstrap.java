package org.cohorte.base.persistence;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;

/**
 * Start fast (README "Start fast", issue 18): Hibernate builds its metamodel and validates the schema on a thread of
 * its own, while the main thread goes on setting up the Camunda engine (its MyBatis mappings, the deployment's
 * resources) on the other core. Whoever first needs the entity manager factory waits for it: the engine's first
 * transaction (the shared JPA transaction manager), so Flyway has migrated and Hibernate has validated before the
 * engine writes anything, and a schema that does not validate still stops the start. The repositories are made
 * when first used or once the context is refreshed ({@code spring.data.jpa.repositories.bootstrap-mode=deferred}),
 * not while the factory is still being built.
 * <p>
 * Spring Boot, in that mode, would hand the build to the only {@code AsyncTaskExecutor} bean it finds, here the
 * scheduler's single thread: a one-off thread of its own is set instead, after Boot's customizers.
 */
@Configuration(proxyBeanMethods = false)
class BackgroundJpaBootstrap {

    @Bean
    static BeanPostProcessor jpaBootstrapOnItsOwnThread() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractEntityManagerFactoryBean factory) {
                    SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("jpa-bootstrap-");
                    executor.setConcurrencyLimit(1);
                    factory.setBootstrapExecutor(executor);
                }
                return bean;
            }
        };
    }
}
