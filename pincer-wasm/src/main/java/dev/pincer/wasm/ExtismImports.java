package dev.pincer.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.pincer.api.access.AccessDeniedException;
import dev.pincer.api.access.HttpReply;
import dev.pincer.api.access.HttpRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code extism:host/env} functions Pincer provides, bound to one guest's {@link Kernel} and to
 * its plugin's {@link GuestEnv}.
 *
 * <p>Memory functions work on the kernel only, never on host memory: every offset is checked. Config
 * and vars read the plugin's own validated config and vars. {@code http_request} goes through the
 * plugin's guarded HTTP service, so it reaches only granted hosts, with the SSRF checks, and every
 * attempt is audited; a refused or failed request stops the call with the reason as its error, as
 * the Extism hosts do. Log lines are rate-limited.
 */
final class ExtismImports {

    /** The import module of the Extism ABI. */
    static final String MODULE = "extism:host/env";

    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LOG_LEVEL_INFO = 2;

    /** Every function this host provides, by name, with its type. */
    static final Map<String, FunctionType> TYPES = types();

    private ExtismImports() {}

    private static Map<String, FunctionType> types() {
        Map<String, FunctionType> t = new LinkedHashMap<>();
        t.put("alloc", type(List.of(I64), List.of(I64)));
        t.put("free", type(List.of(I64), List.of()));
        t.put("length", type(List.of(I64), List.of(I64)));
        t.put("length_unsafe", type(List.of(I64), List.of(I64)));
        t.put("load_u8", type(List.of(I64), List.of(I32)));
        t.put("load_u64", type(List.of(I64), List.of(I64)));
        t.put("store_u8", type(List.of(I64, I32), List.of()));
        t.put("store_u64", type(List.of(I64, I64), List.of()));
        t.put("input_length", type(List.of(), List.of(I64)));
        t.put("input_offset", type(List.of(), List.of(I64)));
        t.put("input_load_u8", type(List.of(I64), List.of(I32)));
        t.put("input_load_u64", type(List.of(I64), List.of(I64)));
        t.put("output_set", type(List.of(I64, I64), List.of()));
        t.put("output_length", type(List.of(), List.of(I64)));
        t.put("output_offset", type(List.of(), List.of(I64)));
        t.put("error_set", type(List.of(I64), List.of()));
        t.put("error_get", type(List.of(), List.of(I64)));
        t.put("config_get", type(List.of(I64), List.of(I64)));
        t.put("var_get", type(List.of(I64), List.of(I64)));
        t.put("var_set", type(List.of(I64, I64), List.of()));
        t.put("http_request", type(List.of(I64, I64), List.of(I64)));
        t.put("http_status_code", type(List.of(), List.of(I32)));
        t.put("http_headers", type(List.of(), List.of(I64)));
        t.put("log_trace", type(List.of(I64), List.of()));
        t.put("log_debug", type(List.of(I64), List.of()));
        t.put("log_info", type(List.of(I64), List.of()));
        t.put("log_warn", type(List.of(I64), List.of()));
        t.put("log_error", type(List.of(I64), List.of()));
        t.put("get_log_level", type(List.of(), List.of(I32)));
        t.put("reset", type(List.of(), List.of()));
        t.put("memory_bytes", type(List.of(), List.of(I64)));
        return Map.copyOf(t);
    }

    private static FunctionType type(List<ValType> params, List<ValType> returns) {
        return FunctionType.of(params, returns);
    }

    /** Returns the host functions for {@code kernel}, only those the module imports ({@code wanted}). */
    static List<HostFunction> functions(Kernel k, GuestEnv env, java.util.Set<String> wanted) {
        List<HostFunction> out = new ArrayList<>();
        for (String name : wanted) {
            out.add(new HostFunction(MODULE, name, TYPES.get(name), handle(name, k, env)));
        }
        return out;
    }

    private static long[] one(long[] r, long value) {
        r[0] = value;
        return r;
    }

    @SuppressWarnings("checkstyle:CyclomaticComplexity")
    private static WasmFunctionHandle handle(String name, Kernel k, GuestEnv env) {
        // One result array per function of one guest: a guest runs one call at a time and host
        // functions never call back into it, and Chicory unpacks the result before the next call.
        long[] r = new long[1];
        return switch (name) {
            case "alloc" -> (i, a) -> one(r, k.alloc(a[0]));
            case "free" ->
                (i, a) -> {
                    k.free(a[0]);
                    return null;
                };
            case "length", "length_unsafe" -> (i, a) -> one(r, k.length(a[0]));
            case "load_u8" -> (i, a) -> one(r, k.loadU8(a[0]));
            case "load_u64" -> (i, a) -> one(r, k.loadU64(a[0]));
            case "store_u8" ->
                (i, a) -> {
                    k.storeU8(a[0], (int) a[1]);
                    return null;
                };
            case "store_u64" ->
                (i, a) -> {
                    k.storeU64(a[0], a[1]);
                    return null;
                };
            case "input_length" -> (i, a) -> one(r, k.inputLength());
            case "input_offset" -> (i, a) -> one(r, k.inputOffset());
            case "input_load_u8" -> (i, a) -> one(r, k.inputLoadU8(a[0]));
            case "input_load_u64" -> (i, a) -> one(r, k.inputLoadU64(a[0]));
            case "output_set" ->
                (i, a) -> {
                    k.output(a[0], a[1], env.limits.outputBytes());
                    return null;
                };
            case "output_length" -> (i, a) -> one(r, k.outputLength());
            case "output_offset" -> (i, a) -> one(r, k.outputOffset());
            case "error_set" ->
                (i, a) -> {
                    k.error(a[0]);
                    return null;
                };
            case "error_get" -> (i, a) -> one(r, k.errorOffset());
            case "config_get" ->
                (i, a) -> {
                    byte[] value = env.config.get(text(k, a[0], "config_get"));
                    return one(r, value == null ? 0 : k.store(value));
                };
            case "var_get" ->
                (i, a) -> {
                    byte[] value = env.var(text(k, a[0], "var_get"));
                    return one(r, value == null ? 0 : k.store(value));
                };
            case "var_set" ->
                (i, a) -> {
                    env.setVar(text(k, a[0], "var_set"), a[1] == 0 ? null : k.block(a[1], "var_set"));
                    return null;
                };
            case "http_request" -> (i, a) -> one(r, http(k, env, a[0], a[1]));
            case "http_status_code" -> (i, a) -> one(r, k.httpStatus());
            case "http_headers" -> (i, a) -> one(r, k.httpHeaders());
            case "log_trace" -> log(k, env, Level.TRACE);
            case "log_debug" -> log(k, env, Level.DEBUG);
            case "log_info" -> log(k, env, Level.INFO);
            case "log_warn" -> log(k, env, Level.WARNING);
            case "log_error" -> log(k, env, Level.ERROR);
            case "get_log_level" -> (i, a) -> one(r, LOG_LEVEL_INFO);
            case "reset" ->
                (i, a) -> {
                    k.reset();
                    return null;
                };
            case "memory_bytes" -> (i, a) -> one(r, k.memoryBytes());
            default -> throw new IllegalArgumentException("no Extism host function '" + name + "'");
        };
    }

    private static WasmFunctionHandle log(Kernel k, GuestEnv env, Level level) {
        return (i, a) -> {
            env.log(level, text(k, a[0], "log"));
            return null;
        };
    }

    private static String text(Kernel k, long offset, String use) {
        return new String(k.block(offset, use), StandardCharsets.UTF_8);
    }

    /** Returns the string field {@code name} of {@code request}, {@code fallback} when absent or null. */
    private static String stringField(JsonNode request, String name, String fallback) {
        JsonNode value = request.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isString()) {
            throw new GuestFault("http_request was given a request whose \"" + name + "\" is not a string");
        }
        return value.stringValue();
    }

    private static long http(Kernel k, GuestEnv env, long requestOffset, long bodyOffset) {
        JsonNode request;
        try {
            request = JSON.readTree(k.block(requestOffset, "http_request"));
        } catch (JacksonException e) {
            throw new GuestFault("http_request was given a request that is not JSON: " + e.getOriginalMessage());
        }
        if (!request.isObject()) {
            throw new GuestFault("http_request was given a request that is not a JSON object");
        }
        String url = stringField(request, "url", null);
        if (url == null) {
            throw new GuestFault("http_request was given a request without a \"url\"");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new GuestFault("http_request was given the URL '" + url + "', which is not a URL");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonNode given = request.path("headers");
        if (!given.isMissingNode() && !given.isNull() && !given.isObject()) {
            throw new GuestFault("http_request was given \"headers\" that are not a JSON object of strings");
        }
        given.forEachEntry((name, value) -> {
            if (!value.isString()) {
                throw new GuestFault("http_request was given header '" + name + "' with a value that is not a string");
            }
            headers.put(name, List.of(value.stringValue()));
        });
        byte[] body = bodyOffset == 0 ? null : k.block(bodyOffset, "http_request");
        HttpReply reply;
        try {
            reply = env.http.send(new HttpRequest(
                    stringField(request, "method", "GET").toUpperCase(java.util.Locale.ROOT),
                    uri,
                    headers,
                    body,
                    null));
        } catch (AccessDeniedException e) {
            throw new HostRefusal(e.getMessage());
        } catch (IOException e) {
            throw new HostRefusal("HTTP request to " + uri + " failed: " + e.getMessage());
        }
        k.httpStatus(reply.status());
        Map<String, String> replyHeaders = new LinkedHashMap<>();
        reply.headers().forEach((n, v) -> replyHeaders.put(n, String.join(", ", v)));
        k.httpHeaders(k.store(JSON.writeValueAsBytes(replyHeaders)));
        byte[] replyBody = reply.body();
        return replyBody.length == 0 ? 0 : k.store(replyBody);
    }
}
