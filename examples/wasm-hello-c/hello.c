/*
 * hello-c: an Extism plugin written in plain C, without libc or the Extism C PDK.
 *
 * Every Extism host function is declared below against the "extism:host/env" module.
 * Memory blocks (input, output, config values, vars, log and error messages) live in the
 * host's kernel memory, not in this module's linear memory: the helpers copy bytes across
 * with load_u8/load_u64 and store_u8/store_u64.
 *
 * Exports (no parameters, i32 result: 0 = success, 1 = error with the message set by error_set):
 *   greet  input: a name (UTF-8); output: "<greeting>, <name>!" where <greeting> is config
 *          "greeting" or "Hello"; increments var "greeted" (8-byte little-endian u64) and
 *          logs "greeted <name>" at info. Empty input is an error.
 *   fail   always fails with "c plugin failed on purpose: <input>".
 *
 * Build: ./build.sh (clang --target=wasm32-unknown-unknown -nostdlib, see there).
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef u64 offset_t; /* an offset into the host's kernel memory; 0 means "none" */

#define IMPORT(name) __attribute__((import_module("extism:host/env"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))

IMPORT(alloc) offset_t extism_alloc(u64 length);
IMPORT(free) void extism_free(offset_t offset);
IMPORT(length) u64 extism_length(offset_t offset);
IMPORT(load_u8) u8 extism_load_u8(offset_t offset);
IMPORT(load_u64) u64 extism_load_u64(offset_t offset);
IMPORT(store_u8) void extism_store_u8(offset_t offset, u8 value);
IMPORT(store_u64) void extism_store_u64(offset_t offset, u64 value);
IMPORT(input_length) u64 extism_input_length(void);
IMPORT(input_load_u8) u8 extism_input_load_u8(u64 index);
IMPORT(input_load_u64) u64 extism_input_load_u64(u64 index);
IMPORT(output_set) void extism_output_set(offset_t offset, u64 length);
IMPORT(error_set) void extism_error_set(offset_t offset);
IMPORT(config_get) offset_t extism_config_get(offset_t key);
IMPORT(var_get) offset_t extism_var_get(offset_t key);
IMPORT(var_set) void extism_var_set(offset_t key, offset_t value);
IMPORT(log_info) void extism_log_info(offset_t message);

/* ---- a bump allocator over this module's linear memory, reset at the start of each call ---- */

extern u8 __heap_base;

static u8 *arena_next;

static void arena_reset(void) {
    arena_next = &__heap_base;
}

/* Returns n bytes of scratch memory, growing linear memory as needed; 0 when memory is exhausted. */
static u8 *arena_alloc(u64 n) {
    u64 start = ((u64)(unsigned long)arena_next + 7) & ~7ULL;
    u64 end = start + n;
    u64 have = (u64)__builtin_wasm_memory_size(0) * 65536ULL;
    if (end > have) {
        u64 pages = (end - have + 65535ULL) / 65536ULL;
        if (__builtin_wasm_memory_grow(0, (unsigned long)pages) == (unsigned long)-1) {
            return 0;
        }
    }
    arena_next = (u8 *)(unsigned long)end;
    return (u8 *)(unsigned long)start;
}

/* ---- byte strings ---- */

typedef struct {
    u8 *data;
    u64 len;
} bytes;

static u64 cstr_len(const char *s) {
    u64 n = 0;
    while (s[n] != 0) {
        n++;
    }
    return n;
}

static bytes cstr(const char *s) {
    bytes b = {(u8 *)s, cstr_len(s)};
    return b;
}

static u64 get_le64(const u8 *p) {
    u64 v = 0;
    for (int i = 7; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    return v;
}

static void put_le64(u8 *p, u64 v) {
    for (int i = 0; i < 8; i++) {
        p[i] = (u8)(v >> (8 * i));
    }
}

/* Concatenates up to four byte strings into fresh scratch memory. */
static bytes concat4(bytes a, bytes b, bytes c, bytes d) {
    bytes parts[4] = {a, b, c, d};
    bytes out = {0, a.len + b.len + c.len + d.len};
    out.data = arena_alloc(out.len);
    if (out.data == 0) {
        out.len = 0;
        return out;
    }
    u64 at = 0;
    for (int p = 0; p < 4; p++) {
        for (u64 i = 0; i < parts[p].len; i++) {
            out.data[at++] = parts[p].data[i];
        }
    }
    return out;
}

/* ---- copying between this module and the host's kernel memory ---- */

/* Copies b into a new kernel block and returns its offset. */
static offset_t kernel_write(bytes b) {
    offset_t off = extism_alloc(b.len);
    u64 i = 0;
    for (; i + 8 <= b.len; i += 8) {
        extism_store_u64(off + i, get_le64(b.data + i));
    }
    for (; i < b.len; i++) {
        extism_store_u8(off + i, b.data[i]);
    }
    return off;
}

/* Copies the kernel block at off into scratch memory. */
static bytes kernel_read(offset_t off) {
    bytes b = {0, extism_length(off)};
    b.data = arena_alloc(b.len);
    if (b.data == 0) {
        b.len = 0;
        return b;
    }
    u64 i = 0;
    for (; i + 8 <= b.len; i += 8) {
        put_le64(b.data + i, extism_load_u64(off + i));
    }
    for (; i < b.len; i++) {
        b.data[i] = extism_load_u8(off + i);
    }
    return b;
}

/* Reads the whole call input into scratch memory. */
static bytes input_read(void) {
    bytes b = {0, extism_input_length()};
    b.data = arena_alloc(b.len);
    if (b.data == 0) {
        b.len = 0;
        return b;
    }
    u64 i = 0;
    for (; i + 8 <= b.len; i += 8) {
        put_le64(b.data + i, extism_input_load_u64(i));
    }
    for (; i < b.len; i++) {
        b.data[i] = extism_input_load_u8(i);
    }
    return b;
}

static void output_write(bytes b) {
    extism_output_set(kernel_write(b), b.len);
}

/* Sets the call's error message; the block must outlive the call, so it is not freed. Returns 1. */
static int fail_with(bytes message) {
    extism_error_set(kernel_write(message));
    return 1;
}

static void log_info(bytes message) {
    offset_t off = kernel_write(message);
    extism_log_info(off);
    extism_free(off);
}

/* Returns config value `key`, or `fallback` when the host has no value for it. */
static bytes config_or(const char *key, const char *fallback) {
    offset_t k = kernel_write(cstr(key));
    offset_t v = extism_config_get(k);
    extism_free(k);
    if (v == 0) {
        return cstr(fallback);
    }
    bytes value = kernel_read(v);
    extism_free(v);
    return value;
}

/* Returns var `key` as a little-endian u64, or 0 when it is unset or not 8 bytes long. */
static u64 var_get_u64(const char *key) {
    offset_t k = kernel_write(cstr(key));
    offset_t v = extism_var_get(k);
    extism_free(k);
    if (v == 0) {
        return 0;
    }
    u64 result = extism_length(v) == 8 ? extism_load_u64(v) : 0;
    extism_free(v);
    return result;
}

static void var_set_u64(const char *key, u64 value) {
    u8 raw[8];
    put_le64(raw, value);
    bytes b = {raw, 8};
    offset_t k = kernel_write(cstr(key));
    offset_t v = kernel_write(b);
    extism_var_set(k, v);
    extism_free(k);
    extism_free(v);
}

static int out_of_memory(void) {
    return fail_with(cstr("hello-c ran out of linear memory; pass a shorter input"));
}

/* ---- exports ---- */

EXPORT(greet) int greet(void) {
    arena_reset();
    u64 length = extism_input_length();
    if (length == 0) {
        return fail_with(cstr("greet needs a name"));
    }
    bytes name = input_read();
    if (name.len != length) {
        return out_of_memory();
    }
    bytes greeting = config_or("greeting", "Hello");
    bytes text = concat4(greeting, cstr(", "), name, cstr("!"));
    bytes logged = concat4(cstr("greeted "), name, cstr(""), cstr(""));
    if (text.data == 0 || logged.data == 0) {
        return out_of_memory();
    }
    var_set_u64("greeted", var_get_u64("greeted") + 1);
    log_info(logged);
    output_write(text);
    return 0;
}

EXPORT(fail) int fail(void) {
    arena_reset();
    u64 length = extism_input_length();
    bytes input = input_read();
    if (input.len != length) {
        return out_of_memory();
    }
    bytes message = concat4(cstr("c plugin failed on purpose: "), input, cstr(""), cstr(""));
    if (message.data == 0) {
        return out_of_memory();
    }
    return fail_with(message);
}
