#!/usr/bin/env node
// Protocol-only load generator for a Bot Framework bot (Emulator protocol, no auth).
// It plays the channel: POSTs activities to the bot's /api/messages and runs a local Connector sink that
// receives the replies. It uses none of the bot's code, so the same tool measures any Bot Framework bot.
//
// Usage:
//   node bench/load/loadgen.mjs --bot http://127.0.0.1:3978 --pid <bot pid> --users 32 --warmup 5 --seconds 20
//   node bench/load/loadgen.mjs --spawn "dotnet path/to/Chatbot.BotServer.dll" --port 3978 --users 8 ...
//   node bench/load/loadgen.mjs --coldstart 5 --spawn "<command>" --port 3978
// Output: a human summary on stderr and one JSON object on stdout.

import http from 'node:http';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

const args = parseArgs(process.argv.slice(2));
const users = Number(args.users ?? 8);
const warmupSeconds = Number(args.warmup ?? 5);
const measureSeconds = Number(args.seconds ?? 20);
const replyTimeoutMs = Number(args['reply-timeout'] ?? 10000);
const script = (args.script ?? 'hi|Alice|medium|yes').split('|');
const clkTck = 100; // Linux USER_HZ; /proc/<pid>/stat times are in these ticks.

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const key = a.slice(2);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[key] = true; else { out[key] = next; i++; }
  }
  return out;
}

// ---- the Connector sink -------------------------------------------------------------------------
const waiters = new Map(); // replyToId -> { resolve, count }
let repliesReceived = 0;
let unexpectedReplies = 0;
const sampleReplies = []; // the first replies received, so a run shows what the bot actually answered

function startSink() {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      let activity = {};
      try { activity = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { /* counted below */ }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `r-${++repliesReceived}` }));
      if (activity.type !== 'message') return; // typing indicators are not replies
      const key = activity.replyToId;
      const waiter = key && waiters.get(key);
      if (activity.conversation?.id?.endsWith('-0-0') && sampleReplies.length < script.length) sampleReplies.push(activity.text);
      if (waiter) { waiters.delete(key); waiter.resolve(performance.now()); } else unexpectedReplies++;
    });
  });
  server.keepAliveTimeout = 60000;
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- process accounting -------------------------------------------------------------------------
function procCpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clkTck; // utime + stime
}
function procPeakRssMb(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
function hostBusySeconds() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  return (f.reduce((a, b) => a + b, 0) - idle) / clkTck;
}

// ---- the simulated users ------------------------------------------------------------------------
const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(users, 1) * 2 });
let activitySeq = 0;

function post(botUrl, body, onConnect) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(`${botUrl}/api/messages`, {
      method: 'POST', agent: onConnect ? false : agent,
      headers: { 'content-type': 'application/json', 'content-length': data.length },
    }, res => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    if (onConnect) req.on('socket', socket => socket.once('connect', () => onConnect(performance.now())));
    req.end(data);
  });
}

function activity(sinkUrl, conversationId, userId, text) {
  return {
    type: 'message', id: `a-${++activitySeq}`, timestamp: new Date().toISOString(),
    channelId: 'emulator', serviceUrl: sinkUrl, text, locale: 'en-US',
    from: { id: userId, name: 'User', role: 'user' },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
    conversation: { id: conversationId },
  };
}

async function runTurn(botUrl, sinkUrl, conv, user, text, stats, measuring) {
  const act = activity(sinkUrl, conv, user, text);
  const replied = new Promise((resolve, reject) => {
    const timer = setTimeout(() => { waiters.delete(act.id); reject(new Error('reply timeout')); }, replyTimeoutMs);
    waiters.set(act.id, { resolve: t => { clearTimeout(timer); resolve(t); } });
  });
  const t0 = performance.now();
  let status;
  try { status = await post(botUrl, act); } catch (e) { replied.catch(() => {}); waiters.delete(act.id); if (measuring()) stats.errors++; return; }
  const tPost = performance.now();
  if (status !== 200) { replied.catch(() => {}); waiters.delete(act.id); if (measuring()) stats.errors++; return; }
  try {
    const tReply = await replied;
    stats.allTurns++;
    if (measuring()) { stats.post.push(tPost - t0); stats.reply.push(Math.max(tReply, tPost) - t0); stats.turns++; }
  } catch { if (measuring()) stats.errors++; }
}

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function load(botUrl, sinkUrl, pid) {
  const stats = { turns: 0, allTurns: 0, errors: 0, post: [], reply: [] };
  let phase = 'warmup';
  const measuring = () => phase === 'measure';
  const loops = [];
  for (let u = 0; u < users; u++) {
    loops.push((async () => {
      let round = 0;
      while (phase !== 'done') {
        // Each conversation is a different person (own user id): one simulated user replaying the script
        // thousands of times a minute would only measure the bot's per-user rate limiter.
        const conv = `bench-${process.pid}-${u}-${round}`;
        const user = `user-${process.pid}-${u}-${round++}`;
        for (const text of script) {
          if (phase === 'done') break;
          await runTurn(botUrl, sinkUrl, conv, user, text, stats, measuring);
        }
      }
    })());
  }
  await delay(warmupSeconds * 1000);
  const cpu0 = pid ? procCpuSeconds(pid) : 0, host0 = hostBusySeconds(), self0 = process.cpuUsage();
  phase = 'measure';
  const t0 = performance.now();
  await delay(measureSeconds * 1000);
  phase = 'done';
  const elapsed = (performance.now() - t0) / 1000;
  const cpu1 = pid ? procCpuSeconds(pid) : 0, host1 = hostBusySeconds(), self1 = process.cpuUsage(self0);
  await Promise.allSettled(loops);
  const turnsIncludingWarmup = stats.allTurns; // after the loops finished: for counting a side server's calls per turn
  const botCpu = cpu1 - cpu0;
  const selfCpu = (self1.user + self1.system) / 1e6;
  return {
    users, seconds: round(elapsed, 2), turns: stats.turns, turnsIncludingWarmup, errors: stats.errors, unexpectedReplies,
    turnsPerSecond: round(stats.turns / elapsed, 1),
    postMs: { p50: round(percentile(stats.post, 50), 2), p95: round(percentile(stats.post, 95), 2), p99: round(percentile(stats.post, 99), 2) },
    lastReplyMs: { p50: round(percentile(stats.reply, 50), 2), p95: round(percentile(stats.reply, 95), 2), p99: round(percentile(stats.reply, 99), 2) },
    botCpuMsPerTurn: pid ? round((botCpu * 1000) / Math.max(stats.turns, 1), 3) : null,
    botPeakRssMb: pid ? round(procPeakRssMb(pid), 1) : null,
    loadgenCpuSeconds: round(selfCpu, 2),
    othersCpuSeconds: round(Math.max(0, host1 - host0 - botCpu - selfCpu), 2),
    cores: os.cpus().length,
    sampleReplies,
  };
}

// ---- cold start ---------------------------------------------------------------------------------
async function coldStart(command, port, sinkUrl, runs) {
  const times = [];
  const listening = []; // process start -> the bot accepted the TCP connection (Kestrel up); the rest is the first turn
  const cpu = [];
  const rss = [];
  for (let i = 0; i < runs; i++) {
    const botUrl = `http://127.0.0.1:${port}`;
    const t0 = performance.now();
    const child = spawn('/bin/sh', ['-c', `exec ${command}`], { stdio: 'ignore', env: { ...process.env, ASPNETCORE_URLS: botUrl } });
    let replyAt = null;
    let connectedAt = null;
    while (replyAt === null && performance.now() - t0 < 60000) {
      const act = activity(sinkUrl, `cold-${i}-${Date.now()}`, 'user-cold', script[0]);
      const replied = new Promise(resolve => waiters.set(act.id, { resolve }));
      try {
        const status = await post(botUrl, act, t => { connectedAt = t; });
        if (status === 200) replyAt = await Promise.race([replied, delay(10000).then(() => null)]);
      } catch { await delay(5); }
      waiters.delete(act.id);
    }
    times.push(replyAt === null ? NaN : replyAt - t0);
    listening.push(connectedAt === null ? NaN : connectedAt - t0);
    // CPU the process burnt until its first reply: unlike wall-clock time, other builds on the machine barely move it.
    try { cpu.push(procCpuSeconds(child.pid) * 1000); rss.push(procPeakRssMb(child.pid)); } catch { cpu.push(NaN); rss.push(NaN); }
    child.kill('SIGTERM');
    await new Promise(resolve => child.once('exit', resolve));
  }
  const firstTurn = times.map((t, i) => t - listening[i]);
  return {
    runs, processStartToFirstReplyMs: times.map(t => round(t, 0)), medianMs: round(median(times), 0),
    processStartToListeningMs: listening.map(t => round(t, 0)), listeningMedianMs: round(median(listening), 0),
    firstTurnMs: firstTurn.map(t => round(t, 0)), firstTurnMedianMs: round(median(firstTurn), 0),
    cpuToFirstReplyMs: cpu.map(t => round(t, 0)), cpuMedianMs: round(median(cpu), 0),
    peakRssMb: round(median(rss), 1),
  };
}

function median(values) { const s = [...values].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }
function delay(ms) { return new Promise(r => setTimeout(r, ms)); }
function round(v, d) { const f = 10 ** d; return Math.round(v * f) / f; }

// ---- main ---------------------------------------------------------------------------------------
const sink = await startSink();
const sinkUrl = `http://127.0.0.1:${sink.address().port}`;
let result;
if (args.coldstart) {
  result = await coldStart(args.spawn, Number(args.port ?? 3978), sinkUrl, Number(args.coldstart));
} else {
  let child = null;
  let pid = args.pid ? Number(args.pid) : null;
  let botUrl = args.bot ?? 'http://127.0.0.1:3978';
  if (args.spawn) {
    botUrl = `http://127.0.0.1:${args.port ?? 3978}`;
    child = spawn('/bin/sh', ['-c', `exec ${args.spawn}`], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ASPNETCORE_URLS: botUrl } });
    pid = child.pid;
    for (let i = 0; i < 600; i++) { // wait up to 60 s for the port
      try { await post(botUrl, { type: 'typing' }); break; } catch { await delay(100); }
    }
  }
  result = await load(botUrl, sinkUrl, pid);
  if (child) { child.kill('SIGTERM'); await new Promise(r => child.once('exit', r)); }
}
agent.destroy();
sink.close();
process.stderr.write(`${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result)}\n`);
