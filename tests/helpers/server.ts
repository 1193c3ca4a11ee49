/**
 * Starts the real built server (`node scripts/start.js`, as `npm start` does: adapter-node's handler
 * with the scheme taken from the connection) on a free loopback port with its
 * own SQLite file, the way a deployment would run it. Integration, browser and bench code all use
 * this, so they exercise the same artefact that ships.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BUILD_ENTRY = path.join(ROOT, 'build', 'index.js');
/** `npm start`'s entry: the built handler with the scheme taken from the connection. */
export const SERVER_ENTRY = path.join(ROOT, 'scripts', 'start.js');

// Generous: a busy 2-core machine can take a while to start Node, migrate and seed.
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

export interface StartServerOptions {
	/** Extra environment for the server (e.g. `{ ADMIN_TOKEN: 'x' }`). Wins over everything else. */
	env?: Record<string, string>;
	/** Use this database file; its folder is left alone on stop so a restart can reuse it. */
	dbPath?: string;
}

export interface RunningServer {
	/** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
	url: string;
	dbPath: string;
	/** The server's process id (for crash tests that kill it without warning). */
	pid: number;
	/** What the server printed (the end of stderr and stdout), for failure messages. */
	output(): string;
	/** Kills the server and resolves once the process has exited. Safe to call twice. */
	stop(): Promise<void>;
}

/** A fresh folder for a database file that the caller owns (remove it with `removeTempDb`). */
export function tempDbPath(): string {
	return path.join(mkdtempSync(path.join(tmpdir(), 'iww-test-')), 'planner.db');
}

/** Removes the folder that `tempDbPath` made, including SQLite's -wal/-shm side files. */
export function removeTempDb(dbPath: string): void {
	rmSync(path.dirname(dbPath), { recursive: true, force: true });
}

/** Asks the kernel for a free port on 127.0.0.1 (there is a tiny race until the server binds it). */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			if (addr === null || typeof addr === 'string') {
				srv.close();
				reject(new Error('could not get a free port'));
				return;
			}
			srv.close(() => resolve(addr.port));
		});
	});
}

function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once('exit', () => resolve()));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
	if (!existsSync(BUILD_ENTRY)) {
		throw new Error(`${BUILD_ENTRY} is missing: run npm run build first (npx vite build)`);
	}
	const ownsDb = opts.dbPath === undefined;
	const dbPath = opts.dbPath ?? tempDbPath();
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;

	// The test decides about the token and the database: never inherit them from the shell.
	const inherited = { ...process.env };
	delete inherited.ADMIN_TOKEN;
	delete inherited.DATABASE_PATH;
	delete inherited.ORGANIZER_PASSWORD;
	delete inherited.PUBLIC_PLAN;
	const env: NodeJS.ProcessEnv = {
		...inherited,
		NODE_ENV: 'production',
		HOST: '127.0.0.1',
		PORT: String(port),
		DATABASE_PATH: dbPath,
		...opts.env
	};

	const child = spawn(process.execPath, [SERVER_ENTRY], {
		cwd: ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stderr = '';
	let stdout = '';
	child.stderr?.setEncoding('utf8').on('data', (d: string) => {
		stderr = (stderr + d).slice(-20_000);
	});
	child.stdout?.setEncoding('utf8').on('data', (d: string) => {
		stdout = (stdout + d).slice(-5_000);
	});

	let stopped = false;
	const stop = async (): Promise<void> => {
		if (!stopped) {
			stopped = true;
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
				await exited(child);
				clearTimeout(timer);
			}
			if (ownsDb) removeTempDb(dbPath);
		}
	};

	const deadline = Date.now() + READY_TIMEOUT_MS;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			await stop();
			throw new Error(
				`server exited before answering (code ${child.exitCode}, signal ${child.signalCode})\n` +
					`--- stderr ---\n${stderr}\n--- stdout ---\n${stdout}`
			);
		}
		try {
			// Any HTTP answer means it listens; what `/` says is for the tests to judge.
			const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(2_000) });
			await res.arrayBuffer();
			break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(
				`server did not answer GET / within ${READY_TIMEOUT_MS / 1000} s\n` +
					`--- stderr ---\n${stderr}\n--- stdout ---\n${stdout}`
			);
		}
		await sleep(25);
	}

	const output = () =>
		`--- exit: code ${child.exitCode}, signal ${child.signalCode} ---\n--- stderr ---\n${stderr}\n--- stdout ---\n${stdout}`;
	return { url, dbPath, pid: child.pid ?? -1, stop, output };
}
