package dev.pincer.core.guards;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Decides whether an IP address is public, from its bytes: IPv4 and IPv6 special-purpose ranges
 * (loopback, private, link-local, shared, benchmarking, documentation, multicast, reserved) are
 * refused, and IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4)
 * are judged by the address they carry.
 *
 * <p>IPv6 is an allow-list: only global unicast ({@code 2000::/3}) outside the special ranges, and
 * the recognised IPv4 embeddings, can pass. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
final class AddressCheck {

    private AddressCheck() {}

    /**
     * Returns why {@code address} is not public, as a phrase such as {@code "a loopback address"},
     * or empty when it is public.
     */
    static Optional<String> refusal(InetAddress address) {
        byte[] b = address.getAddress();
        return Optional.ofNullable(b.length == 4 ? ipv4(b, 0) : ipv6(b));
    }

    private static String ipv4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        int a3 = b[at + 3] & 0xff;
        if (a0 == 0) {
            return "an unspecified (\"this network\") address";
        }
        if (a0 == 127) {
            return "a loopback address";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "a private address";
        }
        if (a0 == 169 && a1 == 254) {
            return "a link-local address";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "a shared (carrier-grade NAT) address";
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return "a benchmarking address";
        }
        if ((a0 == 192 && a1 == 0 && a2 == 2)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return "a documentation address";
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return "an IETF protocol assignment address";
        }
        if (a0 == 192 && a1 == 88 && a2 == 99) {
            return "a 6to4 relay anycast address";
        }
        if ((a0 & 0xf0) == 224) {
            return "a multicast address";
        }
        if (a0 == 255 && a1 == 255 && a2 == 255 && a3 == 255) {
            return "the broadcast address";
        }
        if ((a0 & 0xf0) == 240) {
            return "a reserved address";
        }
        return null;
    }

    private static String ipv6(byte[] b) {
        if (zero(b, 0, 16)) {
            return "the unspecified address";
        }
        if (zero(b, 0, 15) && b[15] == 1) {
            return "a loopback address";
        }
        if (zero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
            return embedded("an IPv4-mapped address", b, 12);
        }
        if (zero(b, 0, 12)) {
            return embedded("an IPv4-compatible address", b, 12);
        }
        if (word(b, 0) == 0x0064 && word(b, 2) == 0xff9b) {
            return nat64(b);
        }
        int first = b[0] & 0xff;
        if (first == 0xff) {
            return "a multicast address";
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
            return "a link-local address";
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return "a site-local address";
        }
        if ((first & 0xfe) == 0xfc) {
            return "a unique local (private) address";
        }
        if ((first & 0xe0) != 0x20) {
            return "a reserved address (not global unicast)";
        }
        return globalUnicast(b);
    }

    private static String globalUnicast(byte[] b) {
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (w0 == 0x2001 && w1 == 0x0000) {
            return "a Teredo address";
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return "a documentation address";
        }
        if (w0 == 0x2001 && w1 < 0x0200) {
            return "an IETF protocol assignment address";
        }
        if (w0 == 0x2002) {
            return embedded("a 6to4 address", b, 2);
        }
        if (w0 == 0x3fff && (w1 & 0xf000) == 0) {
            return "a documentation address";
        }
        return null;
    }

    private static String nat64(byte[] b) {
        if (word(b, 4) == 0x0001) {
            return "a local-use NAT64 address";
        }
        if (zero(b, 4, 12)) {
            return embedded("a NAT64 address", b, 12);
        }
        return "a reserved NAT64 address";
    }

    private static String embedded(String form, byte[] b, int at) {
        String inner = ipv4(b, at);
        return inner == null ? null : form + " that embeds " + dotted(b, at) + ", " + inner;
    }

    private static String dotted(byte[] b, int at) {
        try {
            return InetAddress.getByAddress(new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]})
                    .getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
