package org.cohorte.community.service;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.cohorte.community.domain.Question;
import org.cohorte.identity.service.MemberService;
import org.springframework.stereotype.Component;

/**
 * Questions as screens show them, with names of people and communities read once per list: shared by the
 * question service and the search, which both return summaries. Callers have checked who may read them.
 */
@Component
class QuestionSummaries {

    private final MemberService memberService;
    private final CommunityService communityService;

    QuestionSummaries(MemberService memberService, CommunityService communityService) {
        this.memberService = memberService;
        this.communityService = communityService;
    }

    List<QuestionSummary> of(List<Question> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Set<String> people = new HashSet<>();
        list.forEach(q -> {
            people.add(q.getAskedBy());
            if (q.getAssignee() != null) {
                people.add(q.getAssignee());
            }
        });
        Map<String, String> names = memberService.displayNames(people);
        Map<UUID, String> communityNames = new HashMap<>();
        list.stream().map(Question::getCommunityId).distinct().forEach(id ->
                communityService.find(id).ifPresent(c -> communityNames.put(id, c.getName())));
        return list.stream().map(q -> new QuestionSummary(q.getId(), q.getCommunityId(),
                communityNames.get(q.getCommunityId()), q.getTitle(), q.getBody(), PostText.split(q.getTags()),
                q.getAskedBy(), names.get(q.getAskedBy()), q.getAskedAt(), q.getDueAt(), q.getStatus(), q.getTriage(),
                q.getAssignee(), q.getAssignee() == null ? null : names.get(q.getAssignee()), q.getArticleId(),
                q.getMergedInto(), q.getFirstAnswerAt(), q.isBreached(), q.getViewCount())).toList();
    }
}
