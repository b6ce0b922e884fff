package org.cohorte.base.outbox;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Spring's scheduler for the outbox sender (harmless if another feature turns it on too). */
@Configuration
@EnableScheduling
class OutboxScheduling {
}
