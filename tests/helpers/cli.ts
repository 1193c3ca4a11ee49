/** Runs the plan CLI against a running test server's own database file. */
import { spawnSync } from 'node:child_process';
import { ROOT, type RunningServer } from './server.ts';

/** `plan <args>` on the server's database, with its public address; returns what it printed. */
export function planCli(server: RunningServer, ...args: string[]): string {
	const r = spawnSync(process.execPath, ['scripts/plan.ts', ...args], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', DATABASE_PATH: server.dbPath, PUBLIC_URL: server.url },
		encoding: 'utf8'
	});
	if (r.status !== 0) throw new Error(r.stderr);
	return r.stdout;
}

/** Issues a member's personal link through `plan member-links`, as an organizer would. */
export function memberLink(server: RunningServer, person: string): string {
	return planCli(server, 'member-links', person).trim().split('\t')[1]!;
}

/** Issues a person's private feed address through `plan rotate-token`, as an organizer would. */
export function feedLink(server: RunningServer, person: string): string {
	return planCli(server, 'rotate-token', person).trim().split('\t')[1]!;
}
