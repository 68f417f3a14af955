#!/usr/bin/env node
// Worker restart under a warm Azure Functions host -> first reply (issue 15 item 4; run by bench/functions-coldstart.sh).
// `--runs` times: starts the host and waits for its first reply (host and worker warm), kills the language worker
// (SIGKILL, as a crash does; the host starts a new one by itself) and measures the time from the kill to the first
// reply of the new worker: POST /api/messages answered 200 and the reply received at a local
// Connector sink. Same request and reply as bench/load/loadgen.mjs --coldstart, so the figures compare.
// A request that reaches the host while its worker is gone can hang until the function timeout; like a channel
// (Teams gives up after 15 s and redelivers), each attempt is abandoned after --attempt-timeout ms (default 15000)
// and counted, and a new one is sent.
// Usage: node bench/functions-worker-restart.mjs --spawn "<host command>" --port 7071 --worker Chatbot.BotFunctions.dll [--runs 5] [--text hi]
// Output: one JSON object on stdout.

import http from 'node:http';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const runs = Number(args.runs ?? 5);
const botUrl = `http://127.0.0.1:${args.port}`;
const deadlineMs = 300000; // a bound for a broken host, not a wait
const attemptTimeoutMs = Number(args['attempt-timeout'] ?? 15000);

const waiters = new Map(); // activity id -> resolve(time of the reply)
const sink = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"r"}');
    let activity = {};
    try { activity = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return; }
    if (activity.type === 'message') waiters.get(activity.replyToId)?.(performance.now());
  });
});
await new Promise(resolve => sink.listen(0, '127.0.0.1', resolve));
const sinkUrl = `http://127.0.0.1:${sink.address().port}`;

let seq = 0;
function post(body) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(`${botUrl}/api/messages`, {
      method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': data.length },
    }, res => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.setTimeout(attemptTimeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(data);
  });
}

// Sends a turn until one is answered 200 with its reply; returns the time the reply arrived and the attempts before it.
async function firstReply(t0) {
  const failed = { abandoned: 0, status: [] };
  while (performance.now() - t0 < deadlineMs) {
    const id = `w-${++seq}`;
    const replied = new Promise(resolve => waiters.set(id, resolve));
    try {
      const status = await post({
        type: 'message', id, timestamp: new Date().toISOString(), channelId: 'emulator', serviceUrl: sinkUrl,
        text: args.text ?? 'hi', locale: 'en-US', from: { id: `user-${seq}`, name: 'User', role: 'user' },
        recipient: { id: 'bot', name: 'Bot', role: 'bot' }, conversation: { id: `restart-${seq}` },
      });
      if (status === 200) {
        const at = await Promise.race([replied, new Promise(r => setTimeout(() => r(null), 10000))]);
        if (at !== null) return { at, failed };
      } else {
        failed.status.push(status);
      }
    } catch (e) {
      if (e.message === 'timeout') failed.abandoned++; // else not listening yet
    }
    waiters.delete(id);
    await new Promise(r => setTimeout(r, 20));
  }
  throw new Error(`no reply within ${deadlineMs} ms`);
}

// The language worker: a child of the host process whose command line names the app's assembly.
function workerPid(hostPid) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === hostPid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(args.worker)) return Number(entry);
    } catch { /* gone meanwhile */ }
  }
  return null;
}

async function stop(host) {
  if (host.exitCode !== null || host.signalCode !== null) return;
  host.kill('SIGTERM');
  await new Promise(resolve => host.once('exit', resolve));
}

// One kill per host process: the host stops itself after 3 worker failures within 30 minutes ("Exceeded language
// worker restart retry count ... recycling the Functions Host"), so a second and third kill would measure that instead.
const times = [];
const hostStarts = [];
const abandoned = [];
const failedStatus = [];
try {
  for (let i = 0; i < runs; i++) {
    const host = spawn('/bin/sh', ['-c', `exec ${args.spawn}`], { stdio: 'ignore' });
    try {
      const started = performance.now();
      const warm = await firstReply(started);
      hostStarts.push(Math.round(warm.at - started));
      const pid = workerPid(host.pid);
      if (pid === null) throw new Error(`no worker process (${args.worker}) under the host ${host.pid}`);
      const t0 = performance.now();
      process.kill(pid, 'SIGKILL');
      const { at, failed } = await firstReply(t0);
      times.push(Math.round(at - t0));
      abandoned.push(failed.abandoned);
      failedStatus.push(...failed.status);
    } finally {
      await stop(host);
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(JSON.stringify({
    runs, workerKillToFirstReplyMs: times, medianMs: sorted[Math.floor(sorted.length / 2)], hostStartToFirstReplyMs: hostStarts,
    attemptTimeoutMs, abandonedAttempts: abandoned, failedStatuses: failedStatus,
  }));
} finally {
  sink.close();
}
