package org.cohorte.testsupport;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.identity.domain.MemberProfile;
import org.cohorte.identity.domain.MemberProfileRepository;
import org.cohorte.identity.service.ApiTokenService;
import org.cohorte.identity.service.SystemIdentity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Makes test users with unique ids and runs code as them, as if they had signed in. */
@Component
public class TestData {

    public static final String PASSWORD = "test-password";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final IdentityService identityService;
    private final MemberProfileRepository profiles;
    private final TransactionTemplate transaction;
    private final ApiTokenService tokens;
    private final Map<String, String> tokensByUser = new ConcurrentHashMap<>();

    public TestData(IdentityService identityService, MemberProfileRepository profiles, TransactionTemplate transaction,
                    ApiTokenService tokens) {
        this.identityService = identityService;
        this.profiles = profiles;
        this.transaction = transaction;
        this.tokens = tokens;
    }

    /**
     * A personal access token of the user, made as they would on "Mon profil" (one per user, reused), valid a
     * year so that tests moving the clock keep it.
     */
    public String token(String userId) {
        return tokensByUser.computeIfAbsent(userId, id -> as(id, () -> tokens.create("tests", 365).secret()));
    }

    /** A new user in the given groups, password {@link #PASSWORD}, with a profile; returns their id. */
    public String user(String prefix, String... groups) {
        String id = prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
        transaction.executeWithoutResult(status -> {
            User user = identityService.newUser(id);
            user.setFirstName(prefix);
            user.setLastName("Test " + SEQUENCE.get());
            user.setEmail(id + "@test.local");
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            for (String group : groups) {
                identityService.createMembership(id, group);
            }
            profiles.save(new MemberProfile(id, prefix + " Test", null, "fr"));
        });
        return id;
    }

    /** A new Camunda group with the given members, isolating a test from other tests' group tasks. */
    public String group(String... members) {
        String id = "grp" + RUN.replace("-", "") + SEQUENCE.incrementAndGet();
        transaction.executeWithoutResult(status -> {
            Group group = identityService.newGroup(id);
            group.setName("Test group " + id);
            group.setType("WORKFLOW");
            identityService.saveGroup(group);
            for (String member : members) {
                identityService.createMembership(member, id);
            }
        });
        return id;
    }

    public void setLanguage(String userId, String language) {
        transaction.executeWithoutResult(status -> {
            MemberProfile profile = profiles.findById(userId).orElseThrow();
            profile.setLanguage(language);
            profiles.save(profile);
        });
    }

    public List<String> groupsOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }

    public <T> T as(String userId, Supplier<T> action) {
        return SystemIdentity.runAs(userId, groupsOf(userId), action);
    }

    public void as(String userId, Runnable action) {
        as(userId, () -> {
            action.run();
            return null;
        });
    }
}
