// Starts the production server the way `npm start` does (scripts/run/start.ts), on a free port, for
// the scripts that drive it from outside: the benchmark and the README's screenshot.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

const root = path.resolve(__dirname, "..", "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export async function startServer(port: number, env: NodeJS.ProcessEnv = process.env): Promise<ChildProcess> {
  const server = spawn(
    path.join(root, "node_modules", ".bin", "tsx"),
    ["--conditions=react-server", path.join(root, "scripts", "run", "start.ts")],
    {
      env: { ...env, PORT: String(port) },
      stdio: ["ignore", "inherit", "inherit"],
      detached: true, // its own process group, so that stopping it stops `next start` too
    },
  );
  const deadline = Date.now() + 10 * 60_000; // a first build takes a while
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited with code ${server.exitCode}.`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("The server did not answer /api/health within 10 minutes.");
}

export function stopServer(server: ChildProcess) {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    // already gone
  }
}
