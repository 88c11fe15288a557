package dev.pincer.core.skills;

import dev.pincer.core.diagnostics.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads skill folders: one {@code <folder>/SKILL.md} with its files, or every {@code
 * <root>/<skill>/SKILL.md} of a root. Links are never followed: a skill folder or {@code SKILL.md}
 * that is a symbolic link is reported and skipped.
 *
 * <p>Stateless and thread-safe.
 */
final class SkillScanner {

    static final String SKILL_FILE = "SKILL.md";

    private SkillScanner() {}

    /** Returns the skill in {@code folder}, adding every finding to {@code findings}; empty when it does not load. */
    static Optional<Skill> readSkill(
            Path folder, SkillSource source, String pluginId, SkillLimits limits, List<Diagnostic> findings) {
        Path file = folder.resolve(SKILL_FILE);
        Optional<String> text = readText(file, pluginId, limits, findings);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Path folderName = folder.getFileName();
        SkillMarkdown.Result parsed =
                SkillMarkdown.parse(text.get(), file, folderName == null ? null : folderName.toString(), pluginId);
        findings.addAll(parsed.diagnostics());
        if (parsed.document() == null) {
            return Optional.empty();
        }
        SkillFiles.Listing listing = SkillFiles.list(folder, parsed.document().name(), limits, pluginId);
        findings.addAll(listing.diagnostics());
        List<Diagnostic> own = new ArrayList<>(parsed.diagnostics());
        own.addAll(listing.diagnostics());
        return Optional.of(new Skill(parsed.document(), source, folder, pluginId, listing.files(), own));
    }

    /** Returns the skills of {@code root}, in folder-name order, adding every finding to {@code findings}. */
    static List<Skill> readRoot(
            Path root, SkillSource source, String pluginId, SkillLimits limits, List<Diagnostic> findings) {
        List<Skill> skills = new ArrayList<>();
        for (Path folder : skillFolders(root, pluginId, limits, findings)) {
            readSkill(folder, source, pluginId, limits, findings).ifPresent(skills::add);
        }
        return skills;
    }

    /** Returns the sub-folders of {@code root} that hold a {@code SKILL.md}, reporting links and limits. */
    static List<Path> skillFolders(Path root, String pluginId, SkillLimits limits, List<Diagnostic> findings) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            findings.add(Diagnostic.warning(
                    "skill.unreadable",
                    pluginId,
                    root,
                    "skills folder " + root + " cannot be read: " + e,
                    "check its permissions"));
            return List.of();
        }
        children.sort(null);
        List<Path> folders = new ArrayList<>();
        for (Path child : children) {
            if (child.getFileName().toString().startsWith(".")) {
                continue;
            }
            if (Files.isSymbolicLink(child)) {
                findings.add(Diagnostic.warning(
                        "skill.symlink",
                        pluginId,
                        child,
                        child + " is a symbolic link; Pincer does not follow links in a skills folder, so it is"
                                + " not loaded",
                        "copy the skill's folder into " + root + " instead of linking it"));
            } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
                    && Files.exists(child.resolve(SKILL_FILE), LinkOption.NOFOLLOW_LINKS)) {
                if (folders.size() == limits.maxSkillsPerRoot()) {
                    findings.add(Diagnostic.warning(
                            "skill.too-many-skills",
                            pluginId,
                            root,
                            root + " holds more than " + limits.maxSkillsPerRoot() + " skills; only the first "
                                    + limits.maxSkillsPerRoot() + " in name order are loaded",
                            "split the skills over fewer, smaller folders"));
                    break;
                }
                folders.add(child);
            }
        }
        return folders;
    }

    private static Optional<String> readText(Path file, String pluginId, SkillLimits limits, List<Diagnostic> out) {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink() || !attributes.isRegularFile()) {
                out.add(Diagnostic.error(
                        "skill.symlink",
                        pluginId,
                        file,
                        file + " is " + (attributes.isSymbolicLink() ? "a symbolic link" : "not a regular file")
                                + "; Pincer reads only a regular SKILL.md, so the skill is not loaded",
                        "replace it with the file itself"));
                return Optional.empty();
            }
            if (attributes.size() > limits.maxSkillFileBytes()) {
                out.add(tooLarge(file, pluginId, attributes.size(), limits));
                return Optional.empty();
            }
            byte[] bytes;
            try (InputStream in = Channels.newInputStream(
                    Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                bytes = in.readNBytes(limits.maxSkillFileBytes() + 1);
            }
            if (bytes.length > limits.maxSkillFileBytes()) {
                out.add(tooLarge(file, pluginId, bytes.length, limits));
                return Optional.empty();
            }
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            out.add(Diagnostic.error(
                    "skill.encoding",
                    pluginId,
                    file,
                    file + " is not UTF-8 text, so the skill is not loaded",
                    "save SKILL.md as UTF-8"));
        } catch (NoSuchFileException e) {
            out.add(Diagnostic.error(
                    "skill.missing", pluginId, file, file + " does not exist", "add a SKILL.md to the skill's folder"));
        } catch (IOException e) {
            out.add(Diagnostic.error(
                    "skill.unreadable", pluginId, file, file + " cannot be read: " + e, "check its permissions"));
        }
        return Optional.empty();
    }

    private static Diagnostic tooLarge(Path file, String pluginId, long size, SkillLimits limits) {
        return Diagnostic.error(
                "skill.too-large",
                pluginId,
                file,
                file + " has " + (size > limits.maxSkillFileBytes() ? "more than " + limits.maxSkillFileBytes() : size)
                        + " bytes; a SKILL.md may have at most " + limits.maxSkillFileBytes()
                        + ", so the skill is not loaded",
                "keep SKILL.md short and move details into references/ files the skill points to");
    }
}
