package dev.pincer.core.permissions;

import dev.pincer.core.manifest.Permissions;
import dev.pincer.core.manifest.Permissions.Access;
import dev.pincer.core.manifest.Permissions.FileGrant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares a permission request with what was granted: which parts a grant already covers, and
 * which are new and must be asked for.
 *
 * <p>A granted host covers the same host (case-insensitive, same port); {@code *.example.com}
 * also covers any subdomain pattern or name under it. A granted path covers itself and everything
 * under it, in its mode ({@code read-write} covers both). A granted {@code shell} covers
 * {@code shell}. Stateless.
 *
 * @since 0.1.0
 */
public final class PermissionDiff {

    private PermissionDiff() {}

    /** Returns the part of {@code asked} that {@code granted} does not cover. */
    public static Permissions missing(Permissions asked, Permissions granted) {
        return split(asked, granted, false);
    }

    /** Returns the part of {@code asked} that {@code granted} covers. */
    public static Permissions covered(Permissions asked, Permissions granted) {
        return split(asked, granted, true);
    }

    /** Returns {@code first} followed by the part of {@code second} that {@code first} does not cover. */
    public static Permissions union(Permissions first, Permissions second) {
        Permissions more = missing(second, first);
        List<String> network = new ArrayList<>(first.network());
        network.addAll(more.network());
        List<FileGrant> files = new ArrayList<>(first.filesystem());
        files.addAll(more.filesystem());
        List<String> env = new ArrayList<>(first.env());
        env.addAll(more.env());
        return new Permissions(network, files, env, first.shell() || second.shell());
    }

    private static Permissions split(Permissions asked, Permissions granted, boolean keepCovered) {
        List<String> network = new ArrayList<>();
        for (String host : asked.network()) {
            boolean covered = granted.network().stream().anyMatch(g -> hostCovers(g, host));
            if (covered == keepCovered) {
                network.add(host);
            }
        }
        List<FileGrant> files = new ArrayList<>();
        for (FileGrant file : asked.filesystem()) {
            files.addAll(fileSplit(file, granted.filesystem(), keepCovered));
        }
        List<String> env = new ArrayList<>();
        for (String name : asked.env()) {
            if (granted.env().contains(name) == keepCovered) {
                env.add(name);
            }
        }
        boolean shell = asked.shell() && (granted.shell() == keepCovered);
        return new Permissions(network, files, env, shell);
    }

    /**
     * Splits one requested path: a {@code read-write} request half covered by a {@code read} grant
     * leaves {@code write} missing.
     */
    private static List<FileGrant> fileSplit(FileGrant asked, List<FileGrant> granted, boolean keepCovered) {
        boolean read = false;
        boolean write = false;
        for (FileGrant g : granted) {
            if (pathCovers(g.path(), asked.path())) {
                read |= g.mode() != Access.WRITE;
                write |= g.mode() != Access.READ;
            }
        }
        boolean wantsRead = asked.mode() != Access.WRITE;
        boolean wantsWrite = asked.mode() != Access.READ;
        boolean r = wantsRead && (read == keepCovered);
        boolean w = wantsWrite && (write == keepCovered);
        if (r && w) {
            return List.of(new FileGrant(asked.path(), Access.READ_WRITE));
        }
        if (r) {
            return List.of(new FileGrant(asked.path(), Access.READ));
        }
        if (w) {
            return List.of(new FileGrant(asked.path(), Access.WRITE));
        }
        return List.of();
    }

    /** Returns whether granted host pattern {@code grant} covers requested pattern {@code asked}. */
    static boolean hostCovers(String grant, String asked) {
        String[] g = splitPort(grant);
        String[] a = splitPort(asked);
        if (!g[1].equals(a[1])) {
            return false;
        }
        if (g[0].equals(a[0])) {
            return true;
        }
        if (!g[0].startsWith("*.")) {
            return false;
        }
        String suffix = g[0].substring(1); // ".example.com"
        String name = a[0].startsWith("*.") ? a[0].substring(1) : "." + a[0];
        return name.endsWith(suffix) && name.length() > suffix.length();
    }

    private static String[] splitPort(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        int colon = lower.lastIndexOf(':');
        if (colon < lower.lastIndexOf(']')) {
            colon = -1; // a colon inside an IPv6 literal's brackets is not a port separator
        }
        return colon < 0
                ? new String[] {stripDot(lower), ""}
                : new String[] {stripDot(lower.substring(0, colon)), lower.substring(colon + 1)};
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** Returns whether granted path {@code grant} is {@code asked} or a folder above it, as written. */
    static boolean pathCovers(String grant, String asked) {
        String g = normalise(grant);
        String a = normalise(asked);
        return a.equals(g) || a.startsWith(g.endsWith("/") ? g : g + "/");
    }

    private static String normalise(String path) {
        String p = path.replace('\\', '/');
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.replace("/./", "/");
    }
}
