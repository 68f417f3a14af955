// A Connector sink alone (as loadgen.mjs runs one): answers every POST 200 {"id":"r-N"}; prints "listening on port N".
// For bench/Micro `send` (the Connector client's cost per send, the sink in another process).
import http from 'node:http';
let n = 0;
const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `r-${++n}` }));
  });
});
server.keepAliveTimeout = 60000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => console.log(`listening on port ${server.address().port}`));
