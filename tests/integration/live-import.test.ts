/**
 * The running server keeps the plan in memory and caches rendered pages; a change made by another
 * process (`npm run plan -- import` on the same database file) must still show on the next request.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PlanFile } from '#lib/domain/schema.ts';
import { fetchText } from '../helpers/http.ts';
import { ROOT } from '../helpers/server.ts';
import { expect, it, startsServer } from '../helpers/fixture.ts';

it.beforeAll(startsServer);

const run = promisify(execFile);

it('shows a plan imported by the CLI into the same database while the server runs', async ({
	server
}) => {
	const before = await fetchText(`${server.url}/api/plan`);
	const page = await fetchText(`${server.url}/plan`);
	expect(page.body).not.toContain('Renamed by the CLI');

	const plan = PlanFile.parse(JSON.parse(before.body));
	const item = plan.items.find((i) => i.kind === 'activity');
	if (!item) throw new Error('the seed has no activity');
	item.title = 'Renamed by the CLI';
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'iww-live-')), 'plan.json');
	writeFileSync(file, JSON.stringify(plan));

	await run(process.execPath, ['scripts/plan.ts', 'import', file], {
		cwd: ROOT,
		env: { ...process.env, DATABASE_PATH: server.dbPath }
	});

	const after = await fetchText(`${server.url}/api/plan`);
	expect(after.body).not.toBe(before.body);
	expect(PlanFile.parse(JSON.parse(after.body)).items.find((i) => i.id === item.id)?.title).toBe(
		'Renamed by the CLI'
	);
	expect((await fetchText(`${server.url}/plan`)).body).toContain('Renamed by the CLI');
	expect((await fetchText(`${server.url}/items/${item.id}`)).body).toContain('Renamed by the CLI');
});
