#!/usr/bin/env node
// A tiny OpenAI-compatible chat completions server for the benchmark's LLM run. It COUNTS calls (it does not
// model anything): every POST .../chat/completions answers, as a model would for the bench script, set_slot name=<NAME>
// when the request mentions NAME (argv[3], default Alice), else {"commands": []} (nothing understood);
// GET /_stats answers {"calls": n, "byPath": {...}}. Prints "listening on port N"; exits on SIGTERM.
import http from 'node:http';

const scriptName = process.argv[3] ?? 'Alice';
let calls = 0;
const byPath = {};
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'GET' && req.url.startsWith('/_stats')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ calls, byPath }));
      return;
    }
    if (req.method === 'POST' && req.url.includes('chat/completions')) {
      calls++;
      const request = Buffer.concat(chunks).toString('utf8');
      const commands = request.includes(scriptName)
        ? [{ kind: 'set_slot', flow: null, slot: 'name', value: scriptName, flows: [] }]
        : [];
      byPath[req.url] = (byPath[req.url] ?? 0) + 1;
      const body = {
        id: `chatcmpl-${calls}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: 'bench',
        choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify({ commands }) }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
      return;
    }
    res.writeHead(404); res.end();
  });
});
server.keepAliveTimeout = 60000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => console.log(`listening on port ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
