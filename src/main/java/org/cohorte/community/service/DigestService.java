package org.cohorte.community.service;

import java.util.List;
import java.util.Map;

import org.cohorte.community.domain.CommunityMail;
import org.cohorte.community.domain.CommunityMailRepository;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily digest: members who chose it get one e-mail a day gathering the day's community events instead
 * of one e-mail each. Runs every morning (7:00, Montréal time); lines are marked sent with the engine clock.
 */
@Service
public class DigestService {

    private final CommunityMailRepository mails;
    private final CommunityNotifier notifier;

    public DigestService(CommunityMailRepository mails, CommunityNotifier notifier) {
        this.mails = mails;
        this.notifier = notifier;
    }

    @Scheduled(cron = "${cohorte.community.digest-cron:0 0 7 * * *}", zone = "America/Montreal")
    public void scheduledDigest() {
        sendDigests();
    }

    /** Sends each member's pending lines as one e-mail; returns how many digests were composed. */
    @Transactional
    public int sendDigests() {
        Map<String, List<CommunityMail>> byRecipient = CommunityNotifier.byRecipient(
                mails.findBySentAtIsNullOrderByRecipientAscCreatedAtAsc());
        byRecipient.forEach((recipient, lines) -> {
            StringBuilder body = new StringBuilder(notifier.translate(recipient, "community.mail.digestIntro"))
                    .append("\n\n");
            lines.forEach(line -> body.append("• ").append(line.getBody().replace("\n", "\n  ")).append('\n'));
            notifier.send(recipient, notifier.translate(recipient, "community.mail.digestSubject", lines.size()),
                    body.toString());
            lines.forEach(CommunityMail::sent);
            mails.saveAll(lines);
        });
        return byRecipient.size();
    }

    /** A member's digest lines, pending and sent (for tests and support). */
    @Transactional(readOnly = true)
    public List<CommunityMail> linesFor(String recipient) {
        return mails.findByRecipientOrderByCreatedAt(recipient);
    }
}
