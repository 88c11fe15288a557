#!/usr/bin/env python3
"""Writes N manifest-only Pincer plugins for the startup benchmark.

Usage: generate-plugins.py N DIR [--seed S]

Creates DIR/plugins/plugin-0001/pincer-plugin.json ... plugin-NNNN. The output is the same
for the same N and seed. The manifests are varied on purpose (runtimes, tools with input
schemas, commands, hooks, permissions, config schemas, dependencies) so that the host does
about as much validation and resolution work as it would for real plugins. Every plugin is
meant to resolve: dependencies point only at lower-numbered plugins (no cycles), and each
range is one that the target's actual version satisfies.
"""

import argparse
import json
import random
import sys
from pathlib import Path

HOOKS = [
    "gateway_start", "gateway_stop", "session_start", "session_end",
    "message_received", "message_sending", "message_sent",
    "before_model_resolve", "before_prompt_build", "agent_end",
    "before_tool_call", "after_tool_call",
]
TOPICS = [
    "search", "weather", "calendar", "notes", "github", "jira", "slack", "mail",
    "translate", "summarise", "files", "shell", "browser", "maps", "stocks", "news",
]
VERBS = ["get", "list", "create", "update", "delete", "find", "run", "sync"]
LICENSES = ["Apache-2.0", "MIT", "BSD-3-Clause", "MPL-2.0"]
ARG_TYPES = ["string", "integer", "boolean", "number"]


def plugin_id(number):
    return f"plugin-{number:04d}"


def version_of(rng):
    return (1, rng.randint(0, 9), rng.randint(0, 20))


def range_for(rng, version):
    """Returns an npm-style range that the given 1.k.m version satisfies."""
    _, minor, patch = version
    return rng.choice([
        "^1.0.0",
        ">=1.0.0 <2.0.0",
        f"~1.{minor}",
        f"^1.{minor}.{patch}",
        f">=1.{minor}.0",
        "1.x",
    ])


def tool(rng, topic, index):
    name = f"{topic}_{rng.choice(VERBS)}_{index}"
    properties = {"q": {"type": "string", "description": f"Query for the {topic} tool"}}
    required = ["q"]
    for extra in range(rng.randint(0, 3)):
        arg_type = rng.choice(ARG_TYPES)
        properties[f"arg{extra}"] = {"type": arg_type}
        if arg_type == "integer":
            properties[f"arg{extra}"].update({"minimum": 0, "maximum": 100})
    entry = {
        "name": name,
        "description": f"{topic.capitalize()} tool number {index}.",
        "inputSchema": {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        },
    }
    if rng.random() < 0.2:
        entry["destructive"] = True
    return entry


def runtime(rng, number):
    kind = rng.choice(["jvm", "jvm", "wasm", "mcp", "skills"])
    if kind == "jvm":
        return {"type": "jvm", "main": f"com.example.p{number:04d}.Plugin"}
    if kind == "wasm":
        return {"type": "wasm", "module": "plugin.wasm"}
    if kind == "mcp":
        return {"type": "mcp", "command": "node", "args": ["server.js"]}
    return {"type": "skills"}


def config_schema(rng):
    return {
        "type": "object",
        "properties": {
            "level": {"type": "integer", "minimum": 0, "maximum": 5, "default": rng.randint(0, 5)},
            "endpoint": {"type": "string", "default": "https://api.example.com"},
            "verbose": {"type": "boolean", "default": False},
        },
        "additionalProperties": False,
    }


def manifest(rng, number, versions):
    topic = rng.choice(TOPICS)
    version = versions[number]
    doc = {
        "id": plugin_id(number),
        "name": f"{topic.capitalize()} plugin {number}",
        "version": "%d.%d.%d" % version,
        "description": f"Benchmark plugin {number}: {topic} tools for an agent.",
        "license": rng.choice(LICENSES),
        "pincer": "^0.1.0",
        "runtime": runtime(rng, number),
    }
    provides = {"tools": [tool(rng, topic, i) for i in range(1, rng.randint(1, 3) + 1)]}
    if rng.random() < 0.5:
        provides["commands"] = [
            {"name": f"{topic}-{verb}", "description": f"{verb.capitalize()} {topic} items."}
            for verb in rng.sample(VERBS, rng.randint(1, 2))
        ]
    if rng.random() < 0.5:
        provides["hooks"] = rng.sample(HOOKS, rng.randint(1, 3))
    doc["provides"] = provides
    if number > 1:
        targets = rng.sample(range(1, number), min(number - 1, rng.randint(0, 3)))
        if targets:
            doc["dependencies"] = {
                plugin_id(t): range_for(rng, versions[t]) for t in sorted(targets)
            }
    if rng.random() < 0.4:
        doc["permissions"] = {
            "network": [f"api.{topic}.example.com"],
            "env": [f"{topic.upper()}_API_KEY"],
        }
    if number % 3 == 0:
        doc["config"] = config_schema(rng)
    return doc


def main(argv):
    parser = argparse.ArgumentParser(description="Write N manifest-only Pincer plugins into DIR/plugins/.")
    parser.add_argument("count", metavar="N", type=int, help="how many plugins (1 to 9999)")
    parser.add_argument("dir", metavar="DIR", type=Path, help="home folder; plugins go in DIR/plugins/")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if not 1 <= args.count <= 9999:
        parser.error(f"N must be between 1 and 9999, got {args.count}")

    rng = random.Random(args.seed)
    versions = {n: version_of(rng) for n in range(1, args.count + 1)}
    root = args.dir / "plugins"
    for number in range(1, args.count + 1):
        folder = root / plugin_id(number)
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(manifest(rng, number, versions), indent=2) + "\n"
        (folder / "pincer-plugin.json").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
