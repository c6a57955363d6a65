// The baseline bench:collector compares the collector with: a bare node:http server that reads the
// body, parses it as JSON and answers 200 with the collector's response shape. No validation, no
// storage. Run as its own process (PORT, HOST as for the collector); prints its URL on stdout.
import { createServer } from 'node:http';

const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let status = 200;
    let body;
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      body = { accepted: Array.isArray(parsed?.events) ? parsed.events.length : 1, duplicates: 0, rejected: [] };
    } catch {
      status = 400;
      body = { error: 'body is not JSON' };
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }).end(text);
  });
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`bare node:http server: http://127.0.0.1:${port}/`);
});
process.on('SIGTERM', () => process.exit(0));
