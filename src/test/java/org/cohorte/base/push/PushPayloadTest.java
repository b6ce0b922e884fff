package org.cohorte.base.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.vaadin.flow.shared.Registration;
import org.junit.jupiter.api.Test;

class PushPayloadTest {

    @Test
    void a_notification_to_a_whole_community_is_split_under_postgresqls_8000_byte_limit_and_loses_no_one() {
        List<PushMessage> messages = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            messages.add(new PushMessage(PushMessage.USER, "membre-" + i));
        }
        messages.add(new PushMessage(PushMessage.SESSION, UUID.randomUUID().toString()));
        List<String> payloads = PushPayload.encode(messages);
        assertThat(payloads).hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000));
        List<PushMessage> decoded = payloads.stream().flatMap(p -> PushPayload.decode(p).stream()).toList();
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(messages);
    }

    @Test
    void an_unreadable_payload_is_ignored() {
        assertThat(PushPayload.decode("not json")).isEmpty();
        assertThat(PushPayload.decode("{\"user\":\"x\"}")).isEmpty();
    }

    @Test
    void the_hub_forgets_a_key_once_its_last_listener_is_gone() throws Exception {
        try (LocalPushHub hub = new LocalPushHub(1)) {
            CountDownLatch heard = new CountDownLatch(1);
            Registration one = hub.subscribe(PushMessage.USER, "a", heard::countDown);
            Registration two = hub.subscribe(PushMessage.USER, "a", () -> { });
            hub.deliver(List.of(new PushMessage(PushMessage.USER, "a"), new PushMessage(PushMessage.USER, "b")));
            assertThat(heard.await(2, TimeUnit.SECONDS)).isTrue();
            one.remove();
            assertThat(hub.addressCount()).isEqualTo(1);
            two.remove();
            two.remove();
            assertThat(hub.addressCount()).isZero();
        }
    }
}
