'use strict';
// TEST-ONLY Cosmos DB-compatible server for tests/Storage.Tests: npm @vercel/cosmosdb-server served on loopback HTTPS.
// Differences from the package's own CLI (which must not be used: its bundled certificate has expired and it closes
// every connection, ~300 ops/s):
//   * the certificate and key are the caller's (the tests generate a fresh self-signed pair and pin it in the client);
//   * connections are kept alive (thousands of ops/s);
//   * fix: a point read of a missing document answers 404 NotFound (the stock handler throws and answers 500);
//   * fix: document operations on a missing database/container answer 404 with substatus 1003 (stock: 500);
//   * test control: POST /_test/faults {"collection": "c", "status": 429|503|408|0, "count": n} makes the next n
//     document requests of that collection fail with that status (0 = never answer); with "delayMs": d instead of a
//     status, they are carried out at once but answered only d ms later (a write the client gives up on, applied
//     anyway); "methods": ["PUT", ...] limits a fault to those methods; DELETE /_test/faults clears them;
//     GET /_test/stats?collection=c answers how many document requests of that collection arrived, by HTTP method.
// Usage: node server.js --cert cert.pem --key key.pem [--port 0] [--host 127.0.0.1]
// Prints "listening on port N" when ready; exits when its stdin closes (the test process is gone) or on SIGTERM.
const fs = require('fs');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
if (!args.cert || !args.key) {
  console.error('usage: node server.js --cert cert.pem --key key.pem [--port 0] [--host 127.0.0.1]');
  process.exit(2);
}

// Patch handlers before the package builds its routes (routes capture the handlers when first required).
const partitionHeader = require('@vercel/cosmosdb-server/lib/utils/get-partition-from-header');
const notFound = (res, subStatus) => {
  res.statusCode = 404;
  if (subStatus) res.setHeader('x-ms-substatus', subStatus);
  return { code: 'NotFound', message: 'Entity with the specified id does not exist in the system.' };
};

// Fix: document operations on a missing database/container answer 404 with substatus 1003 as Cosmos does
// (the stock handlers throw on the missing collection and answer 500).
for (const name of ['read-document', 'create-document', 'replace-document', 'upsert-document', 'delete-document']) {
  const handler = require(`@vercel/cosmosdb-server/lib/handler/${name}`);
  const stock = handler.default;
  handler.default = (account, req, res, params) => {
    if (!account.database(params.dbId).collection(params.collId).read()) return notFound(res, '1003');
    return stock(account, req, res, params);
  };
}

// Fix: a point read of a missing document answers 404 (the stock handler throws and answers 500).
const readDocument = require('@vercel/cosmosdb-server/lib/handler/read-document');
const stockRead = readDocument.default;
readDocument.default = (account, req, res, params) => {
  const collection = account.database(params.dbId).collection(params.collId);
  if (collection.read()) {
    const header = partitionHeader.default(req);
    const partitionKey = header ? partitionHeader.parsePartitionKey(header, params.docId) : params.docId;
    if (!collection.document(params.docId, partitionKey).read()) return notFound(res);
  }
  return stockRead(account, req, res, params);
};

const { createHttpsServer } = require('@vercel/cosmosdb-server');

const server = createHttpsServer({
  cert: fs.readFileSync(args.cert),
  key: fs.readFileSync(args.key),
  minVersion: 'TLSv1.2',
  keepAlive: true,
});
server.keepAliveTimeout = 60000;

// Fault injection for the tests: wrap the package's request listener.
const faults = new Map(); // collection -> { status, count }
const hung = new Set();
const stats = new Map(); // collection -> { GET: n, POST: n, ... }
const stockListeners = server.listeners('request');
server.removeAllListeners('request');
server.on('request', (req, res) => {
  if (req.url === '/_test/faults') {
    let body = '';
    req.on('data', chunk => { body += chunk; });
    req.on('end', () => {
      if (req.method === 'DELETE') {
        faults.clear();
      } else {
        const fault = JSON.parse(body);
        faults.set(fault.collection, { status: fault.status, count: fault.count, delayMs: fault.delayMs, methods: fault.methods });
      }
      res.writeHead(204).end();
    });
    return;
  }

  if (req.url.startsWith('/_test/stats?')) {
    const collection = new URL(req.url, 'https://localhost').searchParams.get('collection');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats.get(collection) || {}));
    return;
  }

  const match = /\/colls\/([^/]+)\/docs/.exec(req.url);
  if (match) {
    const counts = stats.get(decodeURIComponent(match[1])) || {};
    counts[req.method] = (counts[req.method] || 0) + 1;
    stats.set(decodeURIComponent(match[1]), counts);
  }
  const fault = match && faults.get(decodeURIComponent(match[1]));
  if (fault && fault.count > 0 && (!fault.methods || fault.methods.includes(req.method))) {
    fault.count -= 1;
    if (fault.delayMs) {
      // Done now, answered late: the answer (headers included) leaves with end(), so hold that back.
      const end = res.end.bind(res);
      res.end = (...args) => { setTimeout(() => end(...args), fault.delayMs); return res; };
      for (const listener of stockListeners) listener.call(server, req, res);
      return;
    }
    req.resume();
    if (fault.status === 0) {
      hung.add(res);
      return;
    }
    res.writeHead(fault.status, {
      'content-type': 'application/json',
      'x-ms-retry-after-ms': '1',
      'x-ms-activity-id': '00000000-0000-0000-0000-000000000000',
      'x-ms-request-charge': '1',
    });
    res.end(JSON.stringify({ code: `Injected${fault.status}`, message: 'fault injected by the test' }));
    return;
  }

  for (const listener of stockListeners) listener.call(server, req, res);
});

server.listen(Number(args.port || 0), args.host || '127.0.0.1', () => {
  console.log(`listening on port ${server.address().port}`);
});

const stop = () => {
  for (const res of hung) res.destroy();
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
