// The SQLite checkpointing thread (lib/db/sqlite.ts). It copies the write-ahead log into the
// database file four times a second, so that in the server no request does: otherwise the
// connection that commits when the log passes 1,000 pages copies it inside that request, and
// behind a sweep in another process that took 1.6 s. Asked between the sweep's batches, it also
// starts the log over once it is past RESTART_FRAMES: writers wait meanwhile (20 ms at most for
// readers, then it gives up until next time). Plain CommonJS: Node runs it as a file, outside
// Next's bundle.
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");

const RESTART_FRAMES = 4_000; // 16 MB of 4 KiB pages

const connection = new Database(workerData.file, { fileMustExist: true });
connection.pragma(`journal_size_limit = ${workerData.journalSizeLimit}`);

function checkpoint(mode, busyMs) {
  try {
    connection.pragma(`busy_timeout = ${busyMs}`);
    return connection.pragma(`wal_checkpoint(${mode})`)[0];
  } catch {
    return null; // busy or gone: next time
  }
}

setInterval(() => checkpoint("PASSIVE", 0), workerData.intervalMs);
parentPort.on("message", () => {
  const passive = checkpoint("PASSIVE", 0);
  if (passive && passive.log > RESTART_FRAMES) checkpoint("RESTART", 20);
  parentPort.postMessage("done");
});
