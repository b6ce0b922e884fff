package org.cohorte.base.push;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The NOTIFY payload: {@code {"session":["<id>"],"user":["<id>",...]}}. PostgreSQL refuses payloads of 8000 bytes or
 * more, so a large change (a notification to a whole community) is split into several payloads.
 */
public final class PushPayload {

    /** Well under PostgreSQL's 8000-byte limit, leaving room for the JSON punctuation of the last entry. */
    static final int MAX_BYTES = 7000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PushPayload() {
    }

    public static List<String> encode(Collection<PushMessage> messages) {
        List<String> payloads = new ArrayList<>();
        Map<String, List<String>> chunk = new LinkedHashMap<>();
        int size = 2;
        for (PushMessage m : messages) {
            int cost = m.key().getBytes(StandardCharsets.UTF_8).length + m.topic().length() + 8;
            if (cost > MAX_BYTES) {
                continue; // ids are short; a key this long is not an id and is not worth a broken NOTIFY
            }
            if (size + cost > MAX_BYTES) {
                payloads.add(write(chunk));
                chunk = new LinkedHashMap<>();
                size = 2;
            }
            chunk.computeIfAbsent(m.topic(), t -> new ArrayList<>()).add(m.key());
            size += cost;
        }
        if (!chunk.isEmpty()) {
            payloads.add(write(chunk));
        }
        return payloads;
    }

    /** The messages of one payload; an unreadable one (another version's, say) yields none. */
    public static List<PushMessage> decode(String payload) {
        try {
            Map<String, List<String>> parsed = JSON.readValue(payload, new TypeReference<Map<String, List<String>>>() { });
            List<PushMessage> messages = new ArrayList<>();
            parsed.forEach((topic, keys) -> {
                if (keys != null) {
                    keys.forEach(key -> messages.add(new PushMessage(topic, key)));
                }
            });
            return messages;
        } catch (JsonProcessingException | RuntimeException e) {
            return List.of();
        }
    }

    private static String write(Map<String, List<String>> chunk) {
        try {
            return JSON.writeValueAsString(chunk);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
