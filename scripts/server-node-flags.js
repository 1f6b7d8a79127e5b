/**
 * The flags the server's Node.js runs with (`npm start`, `npm run start:cluster`, the bench's server process; the
 * `start` and `bench` scripts in package.json spell the same flag). The young generation's size trades ingest's
 * throughput against the pauses that collect it: with the default 16 MB most of an ingest batch (2,000 messages with
 * their rows and promises) was promoted to the old generation and collected there (18 % of an ingest profile against
 * 12 %); with 64 MB each scavenge took 24 ms on average (up to 51), which made the webhook's p99 45–61 ms. 32 MB ingests
 * as fast as 64 did, and the webhook's p99 was 36–37 ms (16 MB: 35–39 ms; same machine, same runs).
 */
module.exports = { SERVER_NODE_FLAGS: ['--max-semi-space-size=32'] };
