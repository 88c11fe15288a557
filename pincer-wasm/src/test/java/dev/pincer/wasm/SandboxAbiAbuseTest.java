package dev.pincer.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.core.audit.AuditEvent;
import dev.pincer.core.host.Invocation;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guests that hand the host offsets and lengths it never gave them, or lean on corners of the
 * Extism ABI: every bad offset is a fault named after the host function, never a read or write of
 * host memory; the ABI's own answers for odd but legal calls (a length of nothing, a missing config
 * key, an empty output) are what Extism hosts give.
 *
 * <p>One host serves every test: each call runs on its own pooled instance or a fresh one, which is
 * what the tests check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxAbiAbuseTest {

    private static final Guests.Plugin BYSTANDER = Guests.Plugin.of("bystander", "echo");

    private static final Guests.Plugin ABUSER = Guests.Plugin.of(
                    "abuser",
                    "echo",
                    "peek_zero",
                    "peek_negative",
                    "peek_far",
                    "peek_past_end",
                    "poke_negative",
                    "poke_past_end",
                    "show_negative",
                    "show_past_end",
                    "show_negative_length",
                    "read_input_past_end",
                    "read_input_negative",
                    "name_far",
                    "keep_far",
                    "ask_negative",
                    "blame_inside",
                    "blame_far",
                    "measure",
                    "lookup",
                    "say_nothing",
                    "alloc_nothing",
                    "scavenge",
                    "fetch")
            .config("{\"type\": \"object\", \"properties\": {\"greeting\": {\"type\": \"string\", \"default\":"
                    + " \"Hi\"}}}");

    private static final String FUNCTIONS =
            """
            (func (export "peek_zero") (result i32) (drop (call $load_u8 (i64.const 0))) (i32.const 0))
            (func (export "peek_negative") (result i32) (drop (call $load_u8 (i64.const -1))) (i32.const 0))
            (func (export "peek_far") (result i32)
              (drop (call $load_u64 (i64.const 1099511627776))) (i32.const 0))
            (func (export "peek_past_end") (result i32) (drop (call $load_u64 (call $input_offset))) (i32.const 0))
            (func (export "poke_negative") (result i32) (call $store_u64 (i64.const -8) (i64.const 0)) (i32.const 0))
            (func (export "poke_past_end") (result i32)
              (call $store_u64 (i64.add (call $input_offset) (i64.const 1)) (i64.const 0)) (i32.const 0))
            (func (export "show_negative") (result i32) (call $output_set (i64.const -1) (i64.const 4)) (i32.const 0))
            (func (export "show_past_end") (result i32)
              (call $output_set (call $input_offset) (i64.const 100)) (i32.const 0))
            (func (export "show_negative_length") (result i32)
              (call $output_set (call $input_offset) (i64.const -1)) (i32.const 0))
            (func (export "read_input_past_end") (result i32)
              (drop (call $input_load_u64 (i64.const 1))) (i32.const 0))
            (func (export "read_input_negative") (result i32)
              (drop (call $input_load_u8 (i64.const -1))) (i32.const 0))
            (func (export "name_far") (result i32)
              (call $var_set (i64.const 1099511627776) (i64.const 0)) (i32.const 0))
            (func (export "keep_far") (result i32) (call $var_set (call $input_offset) (i64.const -1)) (i32.const 0))
            (func (export "ask_negative") (result i32) (drop (call $config_get (i64.const -5))) (i32.const 0))
            (func (export "blame_inside") (result i32)
              (call $error_set (i64.add (call $input_offset) (i64.const 1))) (i32.const 1))
            (func (export "blame_far") (result i32) (call $error_set (i64.const 1099511627776)) (i32.const 1))
            (func (export "measure") (result i32)
              (if (i64.eqz (i64.or
                    (i64.or (call $length (i64.const -1)) (call $length (i64.const 1099511627776)))
                    (i64.or (call $length (i64.const 0)) (call $length (i64.add (call $input_offset) (i64.const 1))))))
                (then (call $output_set (call $input_offset) (call $input_length)) (return (i32.const 0))))
              (i32.const 7))
            (func (export "lookup") (result i32)
              (local $value i64)
              (local.set $value (call $config_get (call $input_offset)))
              (if (i64.eqz (local.get $value)) (then (return (i32.const 3))))
              (call $output_set (local.get $value) (call $length (local.get $value)))
              (i32.const 0))
            (func (export "say_nothing") (result i32) (call $output_set (i64.const 0) (i64.const 0)) (i32.const 0))
            (func (export "alloc_nothing") (result i32)
              (local $empty i64) (local $full i64)
              (local.set $empty (call $alloc (i64.const 0)))
              (local.set $full (call $filled (i64.const 4)))
              (call $output_set (local.get $full) (call $length (local.get $full)))
              (if (result i32) (i64.eqz (local.get $empty)) (then (i32.const 0)) (else (i32.const 5))))
            (func (export "scavenge") (result i32)
              (call $output_set (call $alloc (i64.const 64)) (i64.const 64)) (i32.const 0))
            (func (export "fetch") (result i32)
              (drop (call $http_request (call $input_offset) (i64.const 0))) (i32.const 0))
            """;

    private WasmHost wasm;

    @BeforeAll
    void startHost(@TempDir Path dir) {
        wasm = new WasmHost(dir);
        wasm.plugin(ABUSER.id(), ABUSER.manifest(), Guests.module(FUNCTIONS));
        wasm.plugin(BYSTANDER.id(), BYSTANDER.manifest(), Guests.module());
        wasm.start();
        assertThat(wasm.host.reports()).isEmpty();
    }

    @AfterAll
    void stopHost() {
        wasm.close();
    }

    // The input is always "ping": the kernel holds it at offsets 1 to 4 and nothing else.
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            peek_zero            | load_u8 at offset 0 for 1 bytes is outside the memory the plugin allocated (1 to 4)
            peek_negative        | load_u8 at offset -1 for 1 bytes is outside the memory the plugin allocated (1 to 4)
            peek_far             | load_u64 at offset 1099511627776 for 8 bytes is outside the memory the plugin allocated (1 to 4)
            peek_past_end        | load_u64 at offset 1 for 8 bytes is outside the memory the plugin allocated (1 to 4)
            poke_negative        | store_u64 at offset -8 for 8 bytes is outside the memory the plugin allocated (1 to 4)
            poke_past_end        | store_u64 at offset 2 for 8 bytes is outside the memory the plugin allocated (1 to 4)
            show_negative        | output_set at offset -1 for 4 bytes is outside the memory the plugin allocated (1 to 4)
            show_past_end        | output_set at offset 1 for 100 bytes is outside the memory the plugin allocated (1 to 4)
            show_negative_length | output_set at offset 1 for -1 bytes is outside the memory the plugin allocated (1 to 4)
            read_input_past_end  | input_load_u64 at offset 1 is outside the input of 4 bytes
            read_input_negative  | input_load_u8 at offset -1 is outside the input of 4 bytes
            name_far             | var_set was given offset 1099511627776, where no memory block starts
            keep_far             | var_set was given offset -1, where no memory block starts
            ask_negative         | config_get was given offset -5, where no memory block starts
            blame_inside         | error_set was given offset 2, where no memory block starts
            blame_far            | error_set was given offset 1099511627776, where no memory block starts
            """)
    void anOffsetTheHostNeverGaveIsAFaultNamingTheFunction(String export, String fault) {
        Invocation faulted = wasm.call(ABUSER.tool(export), Map.of("text", "ping"));

        assertThat(faulted.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(faulted.message()).isEqualTo("plugin 'abuser' broke the Extism ABI in '" + export + "': " + fault);
        assertThat(wasm.audited(AuditEvent.Kind.TOOL))
                .filteredOn(e -> e.action().equals(ABUSER.tool(export)))
                .extracting(AuditEvent::outcome)
                .containsOnly("failed");
        assertAnswers(ABUSER.tool("echo"));
        assertAnswers(BYSTANDER.tool("echo"));
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("[\"http://example.com/\"]", "http_request was given a request that is not a JSON object"),
                Arguments.of("{}", "http_request was given a request without a \"url\""),
                Arguments.of("{\"url\": 80}", "http_request was given a request whose \"url\" is not a string"),
                Arguments.of(
                        "{\"url\": \"http://example.com/\", \"method\": {\"GET\": true}}",
                        "http_request was given a request whose \"method\" is not a string"),
                Arguments.of(
                        "{\"url\": \"http://example.com/\", \"headers\": [\"Host\"]}",
                        "http_request was given \"headers\" that are not a JSON object of strings"),
                Arguments.of(
                        "{\"url\": \"http://example.com/\", \"headers\": {\"X-Deep\": {\"a\": 1}}}",
                        "http_request was given header 'X-Deep' with a value that is not a string"),
                Arguments.of(
                        "{\"url\": \"http://exa mple.com/\"}",
                        "http_request was given the URL" + " 'http://exa mple.com/', which is not a URL"),
                Arguments.of("{".repeat(1000), "http_request was given a request that is not JSON: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void aMalformedHttpRequestIsAFaultNotATrap(String request, String fault) {
        Invocation faulted = wasm.call(ABUSER.tool("fetch"), Map.of("text", request));

        assertThat(faulted.status()).isEqualTo(Invocation.Status.FAILED);
        assertThat(faulted.message()).contains("plugin 'abuser' broke the Extism ABI in 'fetch': " + fault);
        assertThat(wasm.audited(AuditEvent.Kind.HTTP)).isEmpty();
    }

    @Test
    void lengthOfAnythingButABlockIsZeroAsTheAbiSays() {
        Invocation measured = wasm.call(ABUSER.tool("measure"), Map.of("text", "ping"));

        assertThat(WasmHost.text(measured)).isEqualTo("ping");
    }

    @Test
    void aConfigKeyThePluginWasNotGivenReadsAsNothing() {
        Invocation given = wasm.call(ABUSER.tool("lookup"), Map.of("text", "greeting"));

        assertThat(WasmHost.text(given)).isEqualTo("Hi");
        for (String key : new String[] {"missing", "HOME", "PATH"}) {
            Invocation absent = wasm.call(ABUSER.tool("lookup"), Map.of("text", key));

            assertThat(absent.status()).isEqualTo(Invocation.Status.COMPLETED);
            assertThat(absent.result().isError()).isTrue();
            assertThat(WasmHost.text(absent))
                    .isEqualTo("plugin 'abuser' returned 3 from 'lookup' without an error message");
        }
        assertThat(wasm.audited(AuditEvent.Kind.ENV)).isEmpty();
    }

    @Test
    void anEmptyOutputAtOffsetZeroIsAnEmptyResult() {
        Invocation nothing = wasm.call(ABUSER.tool("say_nothing"), Map.of("text", "ping"));

        assertThat(nothing.status()).isEqualTo(Invocation.Status.COMPLETED);
        assertThat(WasmHost.text(nothing)).isEmpty();
    }

    @Test
    void anEmptyAllocationIsOffsetZeroAndDoesNotShadowTheNextBlock() {
        Invocation allocated = wasm.call(ABUSER.tool("alloc_nothing"), Map.of("text", "ping"));

        assertThat(allocated.result().isError()).isFalse();
        assertThat(WasmHost.text(allocated)).isEqualTo("xxxx");
    }

    @Test
    void aNewBlockNeverShowsWhatAnEarlierCallLeftInKernelMemory() {
        wasm.call(ABUSER.tool("echo"), Map.of("text", "the secret of ada lovelace"));

        Invocation scavenged = wasm.call(ABUSER.tool("scavenge"), Map.of("text", "x"));

        assertThat(WasmHost.text(scavenged)).isEqualTo("\0".repeat(64));
    }

    private void assertAnswers(String tool) {
        Invocation answer = wasm.call(tool, Map.of("text", "still here"));
        assertThat(WasmHost.text(answer)).isEqualTo("still here");
    }
}
