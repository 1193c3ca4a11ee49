/**
 * Reads .ics files on a worker thread, so that a member's 2 MB upload (up to ~0.5 s of parsing
 * and recurrence expansion) never holds up anyone else's page.
 *
 * One thread per process, started on first use and kept; jobs run one at a time, in order. The
 * importer keeps its own CPU budget (2 s); a thread that still has not answered after
 * `WALL_LIMIT_MS` (a defect, or a machine starved of CPU) is stopped and replaced, and that file
 * refused. If a thread cannot be started at all, the file is read on the calling thread, as
 * before: slower for everyone else, never wrong.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { answer, type IcsAnswer, type IcsJob, type ReplaceInput } from './ics-worker.ts';

const WALL_LIMIT_MS = 20_000;
const WORKER_FILE = path.join('src', 'lib', 'server', 'ics-worker.ts');

/**
 * The worker's source file. Found by walking up from this module, which is
 * src/lib/server/ics-thread.ts in development and tests and a chunk under build/server/ once
 * built; both live in the project folder, which keeps its src/ (`npm start` runs there).
 */
function workerPath(): string | null {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (let up = 0; up < 8; up++) {
		const candidate = path.join(dir, WORKER_FILE);
		if (existsSync(candidate)) return candidate;
		const parent = path.dirname(dir);
		if (parent === dir) break;
		dir = parent;
	}
	return null;
}

type Answer = Omit<IcsAnswer, 'id'>;
type Pending = { job: IcsJob; done: (a: Answer) => void };

let worker: Worker | null = null;
let broken = false;
let nextId = 1;
const queue: Pending[] = [];
let running: (Pending & { timer: NodeJS.Timeout }) | null = null;

function start(): Worker | null {
	if (worker || broken) return worker;
	const file = workerPath();
	if (!file) {
		broken = true;
		return null;
	}
	try {
		const w = new Worker(file, { execArgv: ['--no-warnings'] });
		w.unref();
		w.on('message', (reply: IcsAnswer) => {
			if (!running || reply.id !== running.job.id) return;
			const finished = running;
			clearTimeout(finished.timer);
			running = null;
			finished.done({ result: reply.result, plan: reply.plan });
			pump();
		});
		w.on('error', (e) => {
			console.error('The .ics reader thread failed:', e);
			fail(w, 'The file could not be read (an unexpected problem in the importer).');
		});
		w.on('exit', () => fail(w, 'The file could not be read (the importer stopped).'));
		worker = w;
		return w;
	} catch (e) {
		console.error('No .ics reader thread; reading files on the main thread.', e);
		broken = true;
		return null;
	}
}

/** The thread is gone: the job it held is refused, the next one starts a new thread. */
function fail(w: Worker, message: string): void {
	if (worker !== w) return;
	worker = null;
	const lost = running;
	running = null;
	if (lost) {
		clearTimeout(lost.timer);
		lost.done({ result: { ok: false, error: message, line: null }, plan: null });
	}
	pump();
}

function pump(): void {
	if (running || queue.length === 0) return;
	const w = start();
	const next = queue.shift()!;
	if (!w) {
		next.done(answer(next.job));
		pump();
		return;
	}
	const timer = setTimeout(() => {
		// Longer than any budget allows: stop the thread (it may be stuck), refuse the file.
		const stuck = worker;
		if (stuck) {
			worker = null;
			void stuck.terminate();
		}
		if (running?.job.id === next.job.id) {
			running = null;
			next.done({
				result: {
					ok: false,
					error: 'The file took too long to read; export a shorter range.',
					line: null
				},
				plan: null
			});
			pump();
		}
	}, WALL_LIMIT_MS);
	timer.unref();
	running = { ...next, timer };
	w.postMessage(next.job);
}

/**
 * Busy periods from `text` (see busyFromIcs), read on the importer's thread, and, given the
 * source they go into, what importing them changes there (replaceSourcePeriods): at 5,000
 * periods that diff and its ids took ~80 ms of this thread. Bytes are copied to the thread and
 * decoded there: decoding and copying 2 MB of text took ~40 ms of this thread each.
 */
export function readIcsOffThread(
	text: string | Uint8Array,
	span: { start: string; end: string },
	zone: string,
	replace?: ReplaceInput
): Promise<Answer> {
	return run({ id: nextId++, text, span, zone, ...(replace ? { replace } : {}) });
}

function run(job: IcsJob): Promise<Answer> {
	return new Promise((done) => {
		queue.push({ job, done });
		pump();
	});
}

/** Starts the thread ahead of the first upload (loading the importer takes ~0.5 s). */
export function warmIcsThread(): void {
	start();
}
