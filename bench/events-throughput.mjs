// Events through a running bot (issue 16 item 3): how many events per second it runs and its CPU time per event.
// It plays the channel and the order system: a local Connector sink counts proactive messages; first it prepares
// conversations (one "hello" each, so they have a stored address), then sends EVENTS order_shipped events spread
// over them, either onto the Storage queue the Functions host's EventQueue trigger reads (--queue) or to
// POST /api/events (--http, with the X-Chatbot-Event-Key header), and waits until every event's message arrived.
// CPU = utime+stime of the bot's process tree (/proc/<pid>/stat of --pid and all its descendants) before/after.
//   node bench/events-throughput.mjs --bot http://127.0.0.1:7071 --pid <pid> --queue "<azurite queue endpoint>" ...
//   node bench/events-throughput.mjs --bot http://127.0.0.1:3978 --pid <pid> --http <event key> ...
//   node bench/events-throughput.mjs --bot http://127.0.0.1:7071 --pid <pid> --queue "<...>" --prefill   (the trigger alone)
// Options: --events 500 --conversations 50 --concurrency 16. Prints one JSON result line on stdout.
// --prefill measures the EventQueue trigger alone, without the enqueue speed in the figure: after a warm-up of
// --warmup 20 events through the queue, every event is put on the queue invisible until one common instant (the
// Put Message visibilitytimeout, counted from each message's enqueue time), so the queue is full before the trigger can
// see any of it; the drain is timed first → last message at the sink and CPU is counted from that instant to the end.
// The host stays up and warm (no restart, so no start-up CPU in the window); the CPU the idle host spends polling
// during the fill is reported per second (idleCpuMsPerSecond) so it can be weighed.
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

// The whole machine's busy CPU (/proc/stat), to report what other processes took during the window ("others' CPU").
function machineBusySeconds() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / clkTck; // user nice system irq softirq steal (not idle, iowait)
}
const selfCpuSeconds = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const azuritePids = args['azurite-pid'] ? tree(Number(args['azurite-pid'])) : [];

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
  // Shared Key: the canonical resource lists the query parameters, sorted, one `name:value` line each.
  const query = [...url.searchParams].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `\n${k.toLowerCase()}:${v}`).join('');
  const resource = `/${conn.account}${url.pathname}${query}`;
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
const queueName = args['queue-name'] ?? 'chatbot-events';
const enqueue = (body, query = '') => queueRequest(conn, 'POST', `/${queueName}/messages${query}`,
  `<QueueMessage><MessageText>${Buffer.from(body).toString('base64')}</MessageText></QueueMessage>`, 'application/xml');
const deliver = async body => {
  const res = conn ? await enqueue(body)
    : await request(`${botUrl}/api/events`, 'POST', { 'content-type': 'application/json', 'x-chatbot-event-key': args.http }, body);
  statuses[res.status] = (statuses[res.status] ?? 0) + 1;
};
const waitFor = async (count, deadline) => { while (proactive < count && performance.now() < deadline) await new Promise(r => setTimeout(r, 20)); };
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
let result;
if (args.prefill) {
  if (!conn) throw new Error('--prefill needs --queue');
  // Warm-up through the same path, so the drain below measures a warm trigger, dialog and sink.
  const warmup = Number(args.warmup ?? 20);
  const warmBodies = Array.from({ length: warmup }, (_, i) => JSON.stringify({
    id: `warm-${runId}-${i}`, name: 'order_shipped', channelId: 'emulator', conversation: convs[i % conversations],
    payload: { orderNumber: `WU${String(10000 + i).slice(-5)}` },
  }));
  await pool(warmBodies, deliver);
  await waitFor(warmup, performance.now() + 300_000);
  if (proactive < warmup) throw new Error(`warm-up: ${proactive}/${warmup} delivered`);
  await new Promise(r => setTimeout(r, 1000));
  proactive = 0; firstAt = 0; lastAt = 0;
  // One instant when every event becomes visible: far enough ahead for the whole fill (visibility is whole seconds).
  const fillStart = performance.now();
  const visibleAt = fillStart + Math.max(20, Number(args['fill-seconds'] ?? events * 0.1)) * 1000;
  const cpuFill0 = cpuSeconds(pids);
  let late = 0;
  await pool(eventBodies, async body => {
    const seconds = Math.round((visibleAt - performance.now()) / 1000);
    if (seconds < 1) late++;
    const res = await enqueue(body, `?visibilitytimeout=${Math.max(1, seconds)}`);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  });
  const filled = performance.now();
  if (late) throw new Error(`${late} events were enqueued after the common visibility instant: raise --fill-seconds`);
  if (proactive) throw new Error(`${proactive} messages arrived before the queue was full`);
  await new Promise(r => setTimeout(r, Math.max(0, visibleAt - performance.now() - 1000)));
  const idleSeconds = (performance.now() - fillStart) / 1000;
  const cpu0 = cpuSeconds(pids), host0 = machineBusySeconds(), self0 = selfCpuSeconds(), az0 = cpuSeconds(azuritePids);
  const load0 = loadavg();
  await waitFor(events, visibleAt + Number(args.timeout ?? 600) * 1000);
  await new Promise(r => setTimeout(r, 500));
  const cpu1 = cpuSeconds(pids), host1 = machineBusySeconds(), self1 = selfCpuSeconds(), az1 = cpuSeconds(azuritePids);
  result = {
    ingress: 'queue-prefilled', events, conversations, warmup, delivered: proactive, statuses,
    fillSeconds: +((filled - fillStart) / 1000).toFixed(2),
    firstMessageAfterVisibleSeconds: firstAt ? +((firstAt - visibleAt) / 1000).toFixed(2) : null,
    drainSeconds: lastAt > firstAt ? +((lastAt - firstAt) / 1000).toFixed(2) : null,
    eventsPerSecond: lastAt > firstAt ? +((proactive - 1) / ((lastAt - firstAt) / 1000)).toFixed(1) : null,
    cpuMsPerEvent: +(((cpu1 - cpu0) * 1000) / Math.max(proactive, 1)).toFixed(2),
    cpuSecondsWindow: +(cpu1 - cpu0).toFixed(2),
    idleCpuMsPerSecond: +(((cpu0 - cpuFill0) * 1000) / idleSeconds).toFixed(1),
    windowSeconds: +((performance.now() - visibleAt) / 1000 + 1).toFixed(2),
    azuriteCpuSeconds: +(az1 - az0).toFixed(2), driverCpuSeconds: +(self1 - self0).toFixed(2),
    othersCpuSeconds: +Math.max(0, host1 - host0 - (cpu1 - cpu0) - (az1 - az0) - (self1 - self0)).toFixed(2),
    processes: pids.length, loadavgBefore: load0, loadavg: loadavg(),
  };
} else {
  const cpu0 = cpuSeconds(pids);
  const t0 = performance.now();
  await pool(eventBodies, deliver);
  const sent = performance.now();
  await waitFor(events, t0 + Number(args.timeout ?? 600) * 1000);
  const t1 = performance.now();
  // Let in-flight completions (delivery records) finish before reading CPU: the queue's last message is acknowledged after its send.
  await new Promise(r => setTimeout(r, 500));
  const cpu1 = cpuSeconds(pids);
  result = {
    ingress: conn ? 'queue' : 'http', events, conversations, concurrency, delivered: proactive, statuses,
    sendSeconds: +((sent - t0) / 1000).toFixed(2),
    drainSeconds: +((t1 - t0) / 1000).toFixed(2),
    firstMessageSeconds: firstAt ? +((firstAt - t0) / 1000).toFixed(2) : null,
    eventsPerSecond: +(proactive / ((t1 - t0) / 1000)).toFixed(1),
    eventsPerSecondFirstToLast: lastAt > firstAt ? +((proactive - 1) / ((lastAt - firstAt) / 1000)).toFixed(1) : null,
    cpuMsPerEvent: +(((cpu1 - cpu0) * 1000) / Math.max(proactive, 1)).toFixed(2),
    processes: pids.length,
    loadavg: loadavg(),
  };
}
console.log(JSON.stringify(result));
sink.close();
agent.destroy();
process.exit(proactive === events ? 0 : 1);
