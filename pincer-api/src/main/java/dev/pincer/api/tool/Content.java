package dev.pincer.api.tool;

import java.util.Objects;

/**
 * Holds one item of a tool's result: text, an image, audio, an embedded resource, or structured
 * JSON, as in MCP.
 *
 * <p>All implementations are immutable, thread-safe records; their constructors throw {@link
 * NullPointerException} for a missing value and {@link IllegalArgumentException}, naming the bad
 * value, for an invalid one.
 *
 * @since 0.1.0
 */
public sealed interface Content {

    /**
     * Returns a text item.
     *
     * @param text the text, not {@code null}
     * @return the item
     */
    static Content text(String text) {
        return new Text(text);
    }

    /**
     * Returns an image item.
     *
     * @param base64Data the image bytes, Base64-encoded
     * @param mimeType the image's media type, such as {@code image/png}
     * @return the item
     */
    static Content image(String base64Data, String mimeType) {
        return new Image(base64Data, mimeType);
    }

    /**
     * Returns an audio item.
     *
     * @param base64Data the audio bytes, Base64-encoded
     * @param mimeType the audio's media type, such as {@code audio/wav}
     * @return the item
     */
    static Content audio(String base64Data, String mimeType) {
        return new Audio(base64Data, mimeType);
    }

    /**
     * Returns an embedded resource holding text.
     *
     * @param uri the resource's URI, such as {@code file:///notes/today.md}
     * @param mimeType its media type, such as {@code text/markdown}
     * @param text its text
     * @return the item
     */
    static Content resourceText(String uri, String mimeType, String text) {
        return new Resource(uri, mimeType, Objects.requireNonNull(text, "text"), null);
    }

    /**
     * Returns an embedded resource holding bytes.
     *
     * @param uri the resource's URI
     * @param mimeType its media type, such as {@code application/pdf}
     * @param base64Blob its bytes, Base64-encoded
     * @return the item
     */
    static Content resourceBlob(String uri, String mimeType, String base64Blob) {
        return new Resource(uri, mimeType, null, Objects.requireNonNull(base64Blob, "base64Blob"));
    }

    /**
     * Returns a structured JSON item.
     *
     * @param value a JSON-like value; see {@link Json}
     * @return the item
     */
    static Content json(Object value) {
        return new Json(value);
    }

    /**
     * Holds plain text.
     *
     * @param text the text, not {@code null}; may be empty
     * @since 0.1.0
     */
    record Text(String text) implements Content {

        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Holds an image.
     *
     * @param base64Data the image bytes, Base64-encoded, not blank
     * @param mimeType the media type, starting with {@code image/}
     * @since 0.1.0
     */
    record Image(String base64Data, String mimeType) implements Content {

        public Image {
            requireMedia(base64Data, mimeType, "image/");
        }
    }

    /**
     * Holds audio.
     *
     * @param base64Data the audio bytes, Base64-encoded, not blank
     * @param mimeType the media type, starting with {@code audio/}
     * @since 0.1.0
     */
    record Audio(String base64Data, String mimeType) implements Content {

        public Audio {
            requireMedia(base64Data, mimeType, "audio/");
        }
    }

    /**
     * Holds the contents of a resource, embedded in a result: text or bytes, never both.
     *
     * @param uri the resource's URI, not blank
     * @param mimeType its media type, or {@code null} when unknown
     * @param text its text, or {@code null} when it holds bytes
     * @param base64Blob its bytes, Base64-encoded, or {@code null} when it holds text
     * @since 0.1.0
     */
    record Resource(String uri, String mimeType, String text, String base64Blob) implements Content {

        public Resource {
            Objects.requireNonNull(uri, "uri");
            if (uri.isBlank()) {
                throw new IllegalArgumentException("uri of a resource item must not be blank");
            }
            if ((text == null) == (base64Blob == null)) {
                throw new IllegalArgumentException("resource \"" + uri + "\" needs exactly one of text and base64Blob,"
                        + " but " + (text == null ? "neither was" : "both were") + " given");
            }
        }
    }

    /**
     * Holds structured data for clients that read JSON rather than text.
     *
     * @param value a JSON-like value, copied deeply: {@code Map<String, Object>}, {@code
     *     List<Object>}, {@code String}, {@code Number} or {@code Boolean}; not {@code null}
     * @since 0.1.0
     */
    record Json(Object value) implements Content {

        public Json {
            value = JsonValues.copyValue(Objects.requireNonNull(value, "value"), "value");
        }
    }

    private static void requireMedia(String base64Data, String mimeType, String typePrefix) {
        Objects.requireNonNull(base64Data, "base64Data");
        Objects.requireNonNull(mimeType, "mimeType");
        if (base64Data.isBlank()) {
            throw new IllegalArgumentException("base64Data of a " + mimeType + " item must not be blank");
        }
        if (!mimeType.startsWith(typePrefix)) {
            throw new IllegalArgumentException(
                    "mimeType must start with \"" + typePrefix + "\", but was: \"" + mimeType + "\"");
        }
    }
}
