/**
 * The {@code wasm} runtime: Extism plugins on Chicory, compiled once per module, pooled, held to
 * hard limits, with every host function gated by the plugin's approved grants.
 */
package dev.pincer.wasm;
