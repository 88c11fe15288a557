package dev.pincer.core.guards;

import java.net.URI;

/**
 * Turns URLs into what may be shown and audited: no user information, no fragment, and each
 * query parameter's value replaced by {@code …} (names kept).
 *
 * <p>Stateless and thread-safe.
 */
final class Redaction {

    private Redaction() {}

    /** Returns {@code uri} without user information, fragment or query values. */
    static String url(URI uri) {
        String s = uri.toString();
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        int question = s.indexOf('?');
        String query = question >= 0 ? s.substring(question + 1) : null;
        String head = question >= 0 ? s.substring(0, question) : s;
        return withoutUserInfo(head) + (query == null ? "" : "?" + keysOnly(query));
    }

    private static String withoutUserInfo(String head) {
        int slashes = head.indexOf("//");
        if (slashes < 0) {
            return head;
        }
        int start = slashes + 2;
        int end = head.indexOf('/', start);
        String authority = end < 0 ? head.substring(start) : head.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return head;
        }
        return head.substring(0, start) + authority.substring(at + 1) + (end < 0 ? "" : head.substring(end));
    }

    private static String keysOnly(String query) {
        StringBuilder out = new StringBuilder();
        for (String pair : query.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            out.append(eq < 0 ? pair : pair.substring(0, eq) + "=…");
        }
        return out.toString();
    }
}
