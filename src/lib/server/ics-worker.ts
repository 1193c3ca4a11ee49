/**
 * The .ics importer's thread (see ics-thread.ts): reads one file at a time, off the server's
 * event loop. Run by Node straight from this source file (type stripping, as `npm run plan` is),
 * so it imports by relative path, not `#lib`.
 */
import { parentPort } from 'node:worker_threads';
import {
	replaceSourcePeriods,
	type ReplacePlan,
	type SourceSettings
} from '../domain/availability.ts';
import { busyFromIcs, type IcsResult } from '../domain/ics-import.ts';
import type { Commitment } from '../domain/schema.ts';
import { sha256 } from './hash.ts';

export type IcsJob = {
	id: number;
	/** The file, as text or as its bytes (UTF-8; decoded here, off the server's thread). */
	text: string | Uint8Array;
	span: { start: string; end: string };
	zone: string;
	/** When given: also what importing the file into this source changes (replaceSourcePeriods). */
	replace?: ReplaceInput;
};
export type ReplaceInput = {
	person: string;
	sourceId: string;
	/** The source's periods now. */
	existing: readonly Commitment[];
	settings: SourceSettings;
};
export type IcsAnswer = { id: number; result: IcsResult; plan: ReplacePlan | null };

/** A period's id: stable per source and event (UID and RECURRENCE-ID), so a re-import keeps it. */
export const periodId = (sourceId: string) => (key: string) =>
	`b-${sourceId}-${sha256(key).slice(0, 16)}`.slice(0, 80);

/** The file read, and (when asked) the source's changes: both off the server's thread. */
export function answer(job: IcsJob): Omit<IcsAnswer, 'id'> {
	let result: IcsResult;
	try {
		const text = typeof job.text === 'string' ? job.text : utf8.decode(job.text);
		result = busyFromIcs(text, job.span, job.zone, { clock: threadClock });
	} catch {
		// busyFromIcs never throws by contract; this keeps even a defect of ours a refusal.
		result = { ok: false, error: 'The file could not be read.', line: null };
	}
	const r = job.replace;
	const plan =
		result.ok && r
			? replaceSourcePeriods({ ...r, incoming: result.periods, idFor: periodId(r.sourceId) })
			: null;
	// The periods stay here when the changes say it all: 5,000 of them cost ~10 ms to send back.
	return { result: result.ok && plan ? { ...result, periods: [] } : result, plan };
}

/** The budget counts this thread's CPU time: wall time under load is not the file's fault. */
const threadClock = (): number => {
	const u = process.threadCpuUsage();
	return (u.user + u.system) / 1000;
};

const utf8 = new TextDecoder('utf-8');

parentPort?.on('message', (job: IcsJob) => {
	parentPort?.postMessage({ id: job.id, ...answer(job) } satisfies IcsAnswer);
});
