// A small MCP server over stdio, speaking JSON-RPC by hand, for the runtime's tests.
// Mode (first argument): "serve" answers tools; "crash" exits with code 3 after the handshake.
import readline from 'node:readline';

const mode = process.argv[2] || 'serve';
let extra = false;
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const reply = (id, result) => send({ jsonrpc: '2.0', id, result });
const text = (id, t) => reply(id, { content: [{ type: 'text', text: t }] });

function tools() {
  const list = [
    { name: 'env', description: 'Returns the environment and working folder', inputSchema: { type: 'object' } },
    { name: 'add_tool', description: 'Adds the tool extra', inputSchema: { type: 'object' } },
    { name: 'refuse', description: 'Answers a JSON-RPC error', inputSchema: { type: 'object' } },
    { name: 'progress', description: 'Reports progress, then answers', inputSchema: { type: 'object' } },
    { name: 'a_tool_name_that_is_far_too_long_to_fit_in_sixty_four_characters_at_all', inputSchema: { type: 'object' } },
  ];
  if (extra) {
    list.push({ name: 'extra', description: 'Added at run time', inputSchema: { type: 'object' } });
  }
  return list;
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const msg = JSON.parse(line);
  if (msg.method === 'initialize') {
    reply(msg.id, {
      protocolVersion: msg.params.protocolVersion,
      capabilities: { tools: { listChanged: true } },
      serverInfo: { name: 'fake', version: '1.0.0' },
    });
  } else if (msg.method === 'notifications/initialized') {
    if (mode === 'crash') {
      setTimeout(() => {
        console.error('boom: the widget store is corrupt');
        process.exit(3);
      }, 100);
    }
  } else if (msg.method === 'tools/list') {
    reply(msg.id, { tools: tools() });
  } else if (msg.method === 'tools/call') {
    const name = msg.params.name;
    if (name === 'env') {
      text(msg.id, JSON.stringify({ env: process.env, cwd: process.cwd() }));
    } else if (name === 'add_tool') {
      extra = true;
      text(msg.id, 'added');
      send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    } else if (name === 'extra') {
      text(msg.id, 'extra works');
    } else if (name === 'progress') {
      const token = msg.params._meta && msg.params._meta.progressToken;
      send({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: token, progress: 1, total: 2, message: 'half way' } });
      setTimeout(() => text(msg.id, 'done'), 50);
    } else if (name === 'refuse') {
      send({ jsonrpc: '2.0', id: msg.id, error: { code: -32602, message: 'the widget id is unknown' } });
    } else {
      send({ jsonrpc: '2.0', id: msg.id, error: { code: -32602, message: 'unknown tool ' + name } });
    }
  } else if (msg.id !== undefined) {
    reply(msg.id, {});
  }
});
