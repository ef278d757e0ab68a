// The Node flags the server runs with (`npm start`, the benchmarks; README · Running in production).
// V8 sizes its heap ceiling from the machine's memory (4 GB on a 24 GB machine) and, that far below
// it, lets garbage pile up before collecting: one Excel export of 20,000 risk points grew the server
// by 45–54 MB when it ran alone and by 190 MB after the load scenarios. Under a 512 MB ceiling V8
// collects sooner: 28–36 MB on the first export, 1–13 MB on the next (bench/RESULTS.md, session 9).
// 512 MB leaves room for the largest requests (an Excel import of thousands of rows).
// A 32 MB young generation (semi-space; V8's own is 16 MB) lets a list request's garbage die young
// instead of being promoted and mark-compacted: people pages at 50 clients took 0.45–0.53 ms of
// server CPU instead of 0.49–0.65 and answered 5–15% more requests, for 30–35 MB more RSS (session 10).
export const SERVER_NODE_FLAGS = ['--max-old-space-size=512', '--max-semi-space-size=32'];
