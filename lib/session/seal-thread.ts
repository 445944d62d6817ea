import path from "node:path";
import { Worker } from "node:worker_threads";

// iron-session's seal and unseal, run on a worker thread (./seal-worker.cjs) so that the thread
// serving requests only posts a message and reads the answer. One thread per process, started
// on first use; it holds the process open only while a call is waiting.

type Passwords = Record<string, string>;
type Call = { resolve: (value: never) => void; reject: (error: Error) => void };
type SealThread = { worker: Worker; calls: Map<number, Call>; next: number };

// Kept on globalThis so that a reloaded module (next dev) reuses the thread.
const shared = globalThis as unknown as { passerbySealThread?: SealThread };

function sealThread(): SealThread {
  if (shared.passerbySealThread) return shared.passerbySealThread;
  const worker = new Worker(path.join(process.cwd(), "lib", "session", "seal-worker.cjs"));
  worker.unref();
  const thread: SealThread = { worker, calls: new Map(), next: 0 };
  worker.on("message", ({ id, result, error }: { id: number; result?: never; error?: string }) => {
    const call = thread.calls.get(id);
    thread.calls.delete(id);
    if (thread.calls.size === 0) worker.unref();
    if (error === undefined) call?.resolve(result!);
    else call?.reject(new Error(error));
  });
  // A thread that died fails what it was asked; the next call starts another.
  const fail = (error: Error) => {
    if (shared.passerbySealThread === thread) shared.passerbySealThread = undefined;
    for (const call of thread.calls.values()) call.reject(error);
    thread.calls.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`The session cookie thread stopped (exit code ${code}).`)));
  shared.passerbySealThread = thread;
  return thread;
}

function ask<T>(message: { op: "seal" | "unseal"; value: unknown; password: Passwords; ttl?: number }): Promise<T> {
  const thread = sealThread();
  const id = thread.next++;
  if (thread.calls.size === 0) thread.worker.ref();
  return new Promise<T>((resolve, reject) => {
    thread.calls.set(id, { resolve: resolve as (value: never) => void, reject });
    thread.worker.postMessage({ id, ...message });
  });
}

/** iron-session's sealData, off this thread. */
export const sealOffThread = (value: object, password: Passwords, ttl: number) =>
  ask<string>({ op: "seal", value, password, ttl });

/** iron-session's unsealData, off this thread: {} for an expired, tampered or foreign seal. */
export const unsealOffThread = <T>(seal: string, password: Passwords) =>
  ask<T>({ op: "unseal", value: seal, password });
