// The webhook target bench:collector gives a collector: answers every POST with 204 at once and
// counts the requests and the distinct webhook-ids; GET answers {"requests", "distinct"}. Run as
// its own process (PORT, HOST as for the collector), so it takes no time from the load generator;
// prints its URL on stdout.
import { createServer } from 'node:http';

const seen = new Set();
let requests = 0;
const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
  if (req.method === 'GET') {
    const text = JSON.stringify({ requests, distinct: seen.size });
    return void res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
  }
  requests++;
  seen.add(String(req.headers['webhook-id']));
  req.resume();
  req.on('end', () => res.writeHead(204).end());
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`webhook receiver: http://127.0.0.1:${port}/`);
});
process.on('SIGTERM', () => process.exit(0));
