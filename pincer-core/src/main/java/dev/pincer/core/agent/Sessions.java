package dev.pincer.core.agent;

import dev.pincer.api.hook.HookPoint;
import dev.pincer.api.hook.SessionEvent;
import dev.pincer.core.hooks.HookBus;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The open sessions, one per channel and conversation; firing {@code session_start} when one
 * opens and {@code session_end} when one ends (idle too long, asked with {@code /new}, or the
 * gateway stopping).
 *
 * <p>Thread-safe.
 */
final class Sessions {

    private final HookBus hooks;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> open = new LinkedHashMap<>();

    Sessions(HookBus hooks, Clock clock) {
        this.hooks = hooks;
        this.clock = clock;
    }

    /** Returns the open session of the conversation, opening one (and firing {@code session_start}) if none is. */
    Session open(String channelId, String conversationId) {
        Session session;
        synchronized (this) {
            String key = key(channelId, conversationId);
            session = open.get(key);
            if (session != null && !session.ended()) {
                return session;
            }
            byte[] bytes = new byte[6];
            random.nextBytes(bytes);
            session = new Session("s-" + HexFormat.of().formatHex(bytes), channelId, conversationId, clock.instant());
            open.put(key, session);
        }
        hooks.fire(HookPoint.SESSION_START, new SessionEvent(session.id(), channelId, clock.instant()));
        return session;
    }

    /** Returns the open session with {@code id}, if there is one. */
    synchronized Optional<Session> byId(String id) {
        return open.values().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Ends {@code session} (firing {@code session_end}) if it is still open. */
    void end(Session session) {
        synchronized (this) {
            open.remove(key(session.channelId(), session.conversationId()), session);
        }
        if (session.end()) {
            hooks.fire(HookPoint.SESSION_END, new SessionEvent(session.id(), session.channelId(), clock.instant()));
        }
    }

    /** Ends every session quiet for longer than {@code idle} with no message waiting; returns how many. */
    int expire(Duration idle) {
        Instant cutoff = clock.instant().minus(idle);
        List<Session> quiet;
        synchronized (this) {
            quiet = open.values().stream().filter(s -> s.idleSince(cutoff)).toList();
        }
        quiet.forEach(this::end);
        return quiet.size();
    }

    /** Returns the open sessions. */
    synchronized List<Session> all() {
        return new ArrayList<>(open.values());
    }

    /** Ends every open session. */
    void endAll() {
        all().forEach(this::end);
    }

    private static String key(String channelId, String conversationId) {
        return channelId + '\u0000' + conversationId;
    }
}
