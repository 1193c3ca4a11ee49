/**
 * The .ics importer's thread (see ics-thread.ts): reads one file at a time, off the server's
 * event loop. Run by Node straight from this source file (type stripping, as `npm run plan` is),
 * so it imports by relative path, not `#lib`.
 */
import { parentPort } from 'node:worker_threads';
import { busyFromIcs, type IcsResult } from '../domain/ics-import.ts';

export type IcsJob = {
	id: number;
	/** The file, as text or as its bytes (UTF-8; decoded here, off the server's thread). */
	text: string | Uint8Array;
	span: { start: string; end: string };
	zone: string;
};
export type IcsAnswer = { id: number; result: IcsResult };

/** The budget counts this thread's CPU time: wall time under load is not the file's fault. */
const threadClock = (): number => {
	const u = process.threadCpuUsage();
	return (u.user + u.system) / 1000;
};

const utf8 = new TextDecoder('utf-8');

parentPort?.on('message', (job: IcsJob) => {
	let result: IcsResult;
	try {
		const text = typeof job.text === 'string' ? job.text : utf8.decode(job.text);
		result = busyFromIcs(text, job.span, job.zone, { clock: threadClock });
	} catch {
		// busyFromIcs never throws by contract; this keeps even a defect of ours a refusal.
		result = { ok: false, error: 'The file could not be read.', line: null };
	}
	parentPort?.postMessage({ id: job.id, result } satisfies IcsAnswer);
});
