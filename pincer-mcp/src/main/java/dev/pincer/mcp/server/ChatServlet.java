package dev.pincer.mcp.server;

import dev.pincer.api.channel.InboundMessage;
import dev.pincer.core.agent.Delivery;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the HTTP channel at {@value #PATH}: {@code POST} a JSON object {@code {"text": "…",
 * "conversation": "…", "sender": "…"}} and get {@code {"status", "session", "reply"}} back; with
 * {@code Accept: text/event-stream} the reply is streamed as Server-Sent Events ({@code partial}
 * events with the text so far, then one {@code reply} event with the same object).
 *
 * <p>Every request passes the gateway's {@link RequestCheck} (Host, Origin, bearer token) first.
 */
final class ChatServlet extends HttpServlet {

    /** Where the servlet is mounted. */
    static final String PATH = "/api/chat";

    /** The largest request body taken. */
    static final int MAX_BODY = 256 * 1024;

    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private final transient RequestCheck check;
    private final transient HttpChannel channel;
    private final transient Duration wait;
    private final transient JsonMapper json = JsonMapper.builder().build();

    /**
     * @param wait how long a request waits for its reply; the gateway ends every turn before its
     *     own time limit, so this only guards against a gateway that stopped answering
     */
    ChatServlet(RequestCheck check, HttpChannel channel, Duration wait) {
        this.check = check;
        this.channel = channel;
        this.wait = wait;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            check.validate(ManagementServlet.headers(request));
        } catch (ServerTransportSecurityException e) {
            error(response, e.getStatusCode(), e.getMessage());
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            error(response, 405, "use POST with a JSON body {\"text\": \"...\", \"conversation\": \"...\"}");
            return;
        }
        InboundMessage message;
        try {
            message = parse(request);
        } catch (BadRequest e) {
            error(response, e.status, e.getMessage());
            return;
        }
        String accept = request.getHeader("Accept");
        boolean streaming = accept != null && accept.contains("text/event-stream");
        if (streaming) {
            stream(message, response);
        } else {
            whole(message, response);
        }
    }

    private void whole(InboundMessage message, HttpServletResponse response) throws IOException {
        CompletableFuture<Delivery> delivery;
        try {
            delivery = channel.exchange(message, reply -> {});
        } catch (IllegalStateException e) {
            error(response, 503, e.getMessage());
            return;
        }
        Delivery done = await(delivery);
        if (done == null) {
            error(response, 504, "no reply within " + wait.toSeconds() + " s; the gateway may be overloaded");
            return;
        }
        send(response, status(done), body(done));
    }

    private void stream(InboundMessage message, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-cache");
        OutputStream out = response.getOutputStream();
        CompletableFuture<Delivery> delivery;
        try {
            delivery = channel.exchange(message, reply -> {
                if (reply.partial()) {
                    event(out, "partial", json.createObjectNode().put("text", reply.text()));
                }
            });
        } catch (IllegalStateException e) {
            event(out, "error", json.createObjectNode().put("error", e.getMessage()));
            return;
        }
        Delivery done = await(delivery);
        if (done == null) {
            event(out, "error", json.createObjectNode().put("error", "no reply within " + wait.toSeconds() + " s"));
            return;
        }
        event(out, "reply", body(done));
    }

    private void event(OutputStream out, String name, ObjectNode data) {
        byte[] bytes = ("event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            // The client left; the gateway still finishes the turn and keeps the session.
        }
    }

    private Delivery await(CompletableFuture<Delivery> delivery) {
        try {
            return delivery.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    private static int status(Delivery delivery) {
        return switch (delivery.status()) {
            case SENT, DROPPED, CANCELLED, SILENT -> 200;
            case FAILED -> 502;
            case REFUSED -> delivery.detail().contains("characters") ? 413 : 503;
        };
    }

    private ObjectNode body(Delivery delivery) {
        ObjectNode body =
                json.createObjectNode().put("status", delivery.status().label());
        if (delivery.sessionId() != null) {
            body.put("session", delivery.sessionId());
        }
        if (delivery.text() != null) {
            body.put("reply", delivery.text());
        }
        if (delivery.detail() != null) {
            body.put("detail", delivery.detail());
        }
        return body;
    }

    private InboundMessage parse(HttpServletRequest request) throws IOException, BadRequest {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new BadRequest(415, "send the message as Content-Type: application/json");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new BadRequest(413, "the request body is larger than " + MAX_BODY / 1024 + " KiB");
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequest(400, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new BadRequest(400, "the body must be a JSON object such as {\"text\": \"hello\"}");
        }
        JsonNode text = tree.get("text");
        if (text == null || !text.isString()) {
            throw new BadRequest(400, "\"text\" must be a string: the message to send");
        }
        String conversation = name(tree, "conversation", "default");
        String sender = name(tree, "sender", "http");
        return new InboundMessage(HttpChannel.ID, conversation, sender, text.asString(), Map.of());
    }

    private static String name(JsonNode tree, String field, String otherwise) throws BadRequest {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            return otherwise;
        }
        if (!node.isString() || !NAME.matcher(node.asString()).matches()) {
            throw new BadRequest(
                    400, "\"" + field + "\" must be 1 to 128 letters, digits or . _ : @ -, but was " + node);
        }
        return node.asString();
    }

    private void error(HttpServletResponse response, int status, String message) throws IOException {
        ManagementServlet.error(json, response, status, message);
    }

    private void send(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        ManagementServlet.send(json, response, status, body);
    }

    /** A request the servlet refuses, with its HTTP status. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
