// The Node flags the server runs with (`npm start`, the benchmarks; README · Running in production).
// V8 sizes its heap ceiling from the machine's memory (4 GB on a 24 GB machine) and, that far below
// it, lets garbage pile up before collecting: one Excel export of 20,000 risk points grew the server
// by 45–54 MB when it ran alone and by 190 MB after the load scenarios. Under a 512 MB ceiling V8
// collects sooner: 28–36 MB on the first export, 1–13 MB on the next (bench/RESULTS.md, session 9).
// 512 MB leaves room for the largest requests (an Excel import of thousands of rows).
// A 32 MB young generation (semi-space; V8's own is 16 MB) lets more of a list request's garbage die
// young instead of being promoted and mark-compacted. Three back-to-back pairs of the people suite at
// 50 clients (session 10): server CPU per request ≈ 5% lower in each, 0–8% more requests. It costs
// ≈ 35 MB of RSS, and the first 20,000-point export of a fresh server grows it by 71–80 MB instead of
// 45 (the young generation filling once; later exports 7–16 MB), still under the 100 MB target.
export const SERVER_NODE_FLAGS = ['--max-old-space-size=512', '--max-semi-space-size=32'];
