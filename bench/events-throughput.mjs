// Events through a running bot (issue 16 item 3): how many events per second it runs and its CPU time per event.
// It plays the channel and the order system: a local Connector sink counts proactive messages; first it prepares
// conversations (one "hello" each, so they have a stored address), then sends EVENTS order_shipped events spread
// over them, either onto the Storage queue the Functions host's EventQueue trigger reads (--queue) or to
// POST /api/events (--http, with the X-Chatbot-Event-Key header), and waits until every event's message arrived.
// CPU = utime+stime of the bot's process tree (/proc/<pid>/stat of --pid and all its descendants) before/after.
//   node bench/events-throughput.mjs --bot http://127.0.0.1:7071 --pid <pid> --queue "<azurite queue endpoint>" ...
//   node bench/events-throughput.mjs --bot http://127.0.0.1:3978 --pid <pid> --http <event key> ...
// Options: --events 500 --conversations 50 --concurrency 16. Prints one JSON result line on stdout.
import http from 'node:http';
import crypto from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { execSync } from 'node:child_process';

const args = Object.fromEntries(process.argv.slice(2).reduce((out, a, i, all) => {
  if (a.startsWith('--')) out.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]);
  return out;
}, []));
const botUrl = args.bot;
const events = Number(args.events ?? 500);
const conversations = Number(args.conversations ?? 50);
const concurrency = Number(args.concurrency ?? 16);
const clkTck = Number(execSync('getconf CLK_TCK').toString().trim());
const runId = Date.now().toString(36);

// ---- the Connector sink: counts messages per conversation (typing indicators are not messages) -------------
let proactive = 0, replies = 0, firstAt = 0, lastAt = 0;
const replyWaiters = new Map();
const sink = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    let a = {};
    try { a = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { /* not an activity */ }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: crypto.randomUUID() }));
    if (a.type !== 'message') return;
    if (a.replyToId) { replies++; replyWaiters.get(a.replyToId)?.(); replyWaiters.delete(a.replyToId); return; }
    proactive++;
    lastAt = performance.now();
    if (!firstAt) firstAt = lastAt;
  });
});
await new Promise(r => sink.listen(0, '127.0.0.1', r));
const sinkUrl = `http://127.0.0.1:${sink.address().port}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency * 2 });

function request(url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { ...headers, 'content-length': Buffer.byteLength(body ?? '') } }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body ?? '');
  });
}

// ---- process accounting --------------------------------------------------------------------------------------
function tree(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch { /* gone */ }
  }
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) ?? []));
  return all;
}
function cpuSeconds(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / clkTck;
    } catch { /* a process of the tree ended: its time is lost, noted as a caveat */ }
  }
  return total;
}

// ---- Azure Storage queue REST with a Shared Key (Azurite's well-known account) ------------------------------
function parseConnection(cs) {
  const parts = Object.fromEntries(cs.split(';').filter(Boolean).map(p => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
  return { account: parts.AccountName, key: Buffer.from(parts.AccountKey, 'base64'), endpoint: parts.QueueEndpoint.replace(/\/$/, '') };
}
function queueRequest(conn, method, path, body = '', contentType = '') {
  const url = new URL(conn.endpoint + path);
  const headers = { 'x-ms-date': new Date().toUTCString(), 'x-ms-version': '2021-12-02' };
  if (contentType) headers['content-type'] = contentType;
  const length = Buffer.byteLength(body);
  const canonicalHeaders = Object.keys(headers).filter(h => h.startsWith('x-ms-')).sort().map(h => `${h}:${headers[h]}\n`).join('');
  const resource = `/${conn.account}${url.pathname}`;
  const toSign = [method, '', '', length ? String(length) : '', '', contentType, '', '', '', '', '', ''].join('\n') + '\n' + canonicalHeaders + resource;
  headers.authorization = `SharedKey ${conn.account}:${crypto.createHmac('sha256', conn.key).update(toSign, 'utf8').digest('base64')}`;
  return request(url, method, headers, body);
}

// ---- the run ---------------------------------------------------------------------------------------------------
const convs = Array.from({ length: conversations }, (_, i) => `bench-events-${runId}-${i}`);
let activitySeq = 0;
async function prepare(conversation) {
  const id = `m-${runId}-${++activitySeq}`;
  const replied = new Promise(r => replyWaiters.set(id, r));
  const body = JSON.stringify({
    type: 'message', id, channelId: 'emulator', serviceUrl: sinkUrl, text: 'hello', locale: 'en-US',
    from: { id: 'user-' + conversation, name: 'User', role: 'user' }, recipient: { id: 'bot', name: 'Bot', role: 'bot' },
    conversation: { id: conversation },
  });
  const res = await request(`${botUrl}/api/messages`, 'POST', { 'content-type': 'application/json' }, body);
  if (res.status !== 200) throw new Error(`prepare ${conversation}: ${res.status} ${res.body}`);
  await replied;
}
async function pool(items, work) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < items.length) await work(items[next++]); }));
}

for (let i = 0; i < convs.length; i += concurrency) await Promise.all(convs.slice(i, i + concurrency).map(prepare));
const eventBodies = Array.from({ length: events }, (_, i) => JSON.stringify({
  id: `ship-${runId}-${i}`, name: 'order_shipped', channelId: 'emulator', conversation: convs[i % conversations],
  payload: { orderNumber: `AB${String(10000 + i).slice(-5)}` },
}));

const pids = tree(Number(args.pid));
const conn = args.queue ? parseConnection(args.queue) : null;
if (conn) {
  const created = await queueRequest(conn, 'PUT', `/${args['queue-name'] ?? 'chatbot-events'}`);
  if (![201, 204].includes(created.status)) throw new Error(`queue create: ${created.status} ${created.body}`);
}
const statuses = {};
const cpu0 = cpuSeconds(pids);
const t0 = performance.now();
await pool(eventBodies, async body => {
  const res = conn
    ? await queueRequest(conn, 'POST', `/${args['queue-name'] ?? 'chatbot-events'}/messages`,
      `<QueueMessage><MessageText>${Buffer.from(body).toString('base64')}</MessageText></QueueMessage>`, 'application/xml')
    : await request(`${botUrl}/api/events`, 'POST', { 'content-type': 'application/json', 'x-chatbot-event-key': args.http }, body);
  statuses[res.status] = (statuses[res.status] ?? 0) + 1;
});
const sent = performance.now();
const deadline = t0 + Number(args.timeout ?? 600) * 1000;
while (proactive < events && performance.now() < deadline) await new Promise(r => setTimeout(r, 50));
const t1 = performance.now();
// Let in-flight completions (delivery records) finish before reading CPU: the queue's last message is acknowledged after its send.
await new Promise(r => setTimeout(r, 500));
const cpu1 = cpuSeconds(pids);
const result = {
  ingress: conn ? 'queue' : 'http', events, conversations, concurrency, delivered: proactive, statuses,
  sendSeconds: +((sent - t0) / 1000).toFixed(2),
  drainSeconds: +((t1 - t0) / 1000).toFixed(2),
  firstMessageSeconds: firstAt ? +((firstAt - t0) / 1000).toFixed(2) : null,
  eventsPerSecond: +(proactive / ((t1 - t0) / 1000)).toFixed(1),
  eventsPerSecondFirstToLast: lastAt > firstAt ? +((proactive - 1) / ((lastAt - firstAt) / 1000)).toFixed(1) : null,
  cpuMsPerEvent: +(((cpu1 - cpu0) * 1000) / Math.max(proactive, 1)).toFixed(2),
  processes: pids.length,
  loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
};
console.log(JSON.stringify(result));
sink.close();
agent.destroy();
process.exit(proactive === events ? 0 : 1);
