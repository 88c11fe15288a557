/**
 * Agent Skills: reads {@code SKILL.md} folders from the skills roots and from plugins, ranks the
 * copies by precedence, gates them on what the machine has, and offers the winners as prompts and
 * slash commands.
 */
package dev.pincer.core.skills;
