package dev.pincer.mcp.server;

import dev.pincer.core.host.ReloadReport;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the gateway's management API under {@code /api/}, behind the same {@link RequestCheck}
 * as the MCP endpoint (Host, Origin, bearer token).
 *
 * <p>One operation so far: {@code POST /api/plugins/<id>/reload}, what {@code pincer plugins
 * reload <id>} sends, answers {@code 200} with the {@link ReloadReport} as JSON when every plugin
 * reloaded, {@code 409} with the same body when one could not (it keeps its running generation),
 * and {@code 404} with {@code {"error": ...}} for an id Pincer does not know.
 *
 * <p>Thread-safe.
 */
final class ManagementServlet extends HttpServlet {

    /** The path prefix the servlet is mounted at. */
    static final String PATH = "/api/*";

    private static final long serialVersionUID = 1L;
    private static final Pattern RELOAD = Pattern.compile("/plugins/([A-Za-z0-9._-]{1,64})/reload");

    private final transient RequestCheck check;
    private final transient McpHttpServer.Management management;
    private final transient JsonMapper json = JsonMapper.builder().build();

    ManagementServlet(RequestCheck check, McpHttpServer.Management management) {
        this.check = check;
        this.management = management;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            check.validate(headers(request));
        } catch (ServerTransportSecurityException e) {
            error(response, e.getStatusCode(), e.getMessage());
            return;
        }
        Matcher reload = RELOAD.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!reload.matches()) {
            error(
                    response,
                    404,
                    "no such API: " + request.getRequestURI() + "; the gateway offers POST"
                            + " /api/plugins/<id>/reload");
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            error(response, 405, "use POST to reload a plugin");
            return;
        }
        ReloadReport report;
        try {
            report = management.reload(reload.group(1));
        } catch (IllegalArgumentException e) {
            error(response, 404, e.getMessage());
            return;
        }
        ObjectNode body = json.valueToTree(report);
        body.put("ok", report.ok());
        body.set("lines", json.valueToTree(report.lines()));
        send(response, report.ok() ? 200 : 409, body);
    }

    private void error(HttpServletResponse response, int status, String message) throws IOException {
        error(json, response, status, message);
    }

    private void send(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        send(json, response, status, body);
    }

    /** Answers with {@code {"error": message}} and {@code status}; the gateway's API servlets share it. */
    static void error(JsonMapper json, HttpServletResponse response, int status, String message) throws IOException {
        send(json, response, status, json.createObjectNode().put("error", message));
    }

    /** Answers with the JSON {@code body} and {@code status}. */
    static void send(JsonMapper json, HttpServletResponse response, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static HeaderAccessor headers(HttpServletRequest request) {
        return new HeaderAccessor() {
            @Override
            public List<String> getHeader(String name) {
                return Collections.list(request.getHeaders(name));
            }

            @Override
            public List<String> getHeaderNames() {
                return Collections.list(request.getHeaderNames());
            }
        };
    }
}
