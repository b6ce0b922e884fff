package org.cohorte.community.service;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on Spring's scheduler for the daily digest (harmless if another feature turns it on too). */
@Configuration
@EnableScheduling
class CommunityScheduling {
}
