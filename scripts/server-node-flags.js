/**
 * The flags the server's Node.js runs with (`npm start`, `npm run start:cluster`, the bench's server process; the
 * `start` and `bench` scripts in package.json spell the same flag). A young generation of 64 MB holds a whole ingest batch
 * (2,000 messages with their rows and promises) until it commits: with the default 16 MB most of it was promoted
 * to the old generation and collected there, 18 % of the ingest profile's time against 12 % with this.
 */
module.exports = { SERVER_NODE_FLAGS: ['--max-semi-space-size=64'] };
