package org.cohorte.community.ui;

import org.cohorte.community.service.CalendarService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The calendar feed's own filter chain: no session, no login page, read-only; the per-member secret token in
 * the path is checked by {@link CalendarService#feed}.
 */
@Configuration
class CalendarFeedSecurity {

    @Bean
    @Order(4)
    SecurityFilterChain communityCalendarFeedSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(CalendarService.FEED_PATH + "**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
        return http.build();
    }
}
