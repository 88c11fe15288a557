/**
 * Skill proposals: repeated sequences of tool calls, seen in the audit stream, become proposed
 * Agent Skills that wait in the store until a person approves or rejects them. A pending proposal
 * lives only in {@code pincer.db}, never in a skills root, so nothing loads it; approving writes
 * it to {@code $PINCER_HOME/skills/<name>/SKILL.md}. Off unless {@code [skills.proposals]} enables
 * it in the home config. Uses {@code io}, {@code diagnostics}, {@code store}, {@code audit} and
 * {@code config}.
 */
package dev.pincer.core.skills.proposals;
