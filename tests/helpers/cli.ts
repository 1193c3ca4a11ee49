/** Runs the plan CLI against a running test server's own database file. */
import { spawnSync } from 'node:child_process';
import { ROOT, type RunningServer } from './server.ts';

/** Issues a member's personal link through `plan member-links`, as an organizer would. */
export function memberLink(server: RunningServer, person: string): string {
	const r = spawnSync(process.execPath, ['scripts/plan.ts', 'member-links', person], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', DATABASE_PATH: server.dbPath, PUBLIC_URL: server.url },
		encoding: 'utf8'
	});
	if (r.status !== 0) throw new Error(r.stderr);
	return r.stdout.trim().split('\t')[1]!;
}
