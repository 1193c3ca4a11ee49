/**
 * kill -9 during a burst of writes: after a restart the database passes integrity_check and every
 * write the server acknowledged is there (WAL with synchronous=NORMAL survives a process crash).
 */
import { spawnSync } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { expect, it } from 'vitest';
import { fetchText } from '../helpers/http.ts';
import { postForm } from '../helpers/forms.ts';
import { removeTempDb, ROOT, startServer, tempDbPath } from '../helpers/server.ts';

it('keeps every acknowledged write through a kill -9', async () => {
	const dbPath = tempDbPath();
	try {
		const first = await startServer({ dbPath, env: { ADMIN_TOKEN: 'crash-token' } });
		const r = spawnSync(process.execPath, ['scripts/plan.ts', 'member-links', 'vint-cerf'], {
			cwd: ROOT,
			env: { PATH: process.env.PATH ?? '', DATABASE_PATH: dbPath, PUBLIC_URL: first.url },
			encoding: 'utf8'
		});
		const link = r.stdout.trim().split('\t')[1]!;
		expect((await fetchText(link)).status).toBe(200);

		const acked: string[] = [];
		let sent = 0;
		const worker = async (w: number) => {
			for (let i = 0; ; i++) {
				const reason = `crash-${w}-${i}`;
				sent++;
				try {
					const res = await postForm(`${link}?/addBusy`, {
						when: '4 March 2024',
						strength: 'soft',
						visibility: 'public',
						reason
					});
					if (res.status === 200) acked.push(reason);
					else throw new Error(`unexpected ${res.status}`);
				} catch {
					return; // the server is gone
				}
			}
		};
		// The item API's writes (one item and its assignment per call) are in the burst too.
		const ackedItems: string[] = [];
		const apiWorker = async () => {
			for (let i = 0; ; i++) {
				const id = `crash-item-${i}`;
				try {
					const res = await fetch(`${first.url}/api/items`, {
						method: 'POST',
						headers: { authorization: 'Bearer crash-token', 'content-type': 'application/json' },
						body: JSON.stringify({
							item: { id, kind: 'action', title: id, when: { type: 'day', date: '2024-05-02' } },
							assignments: [{ role: 'lead', who: 'VC', person: 'vint-cerf' }]
						})
					});
					await res.arrayBuffer();
					if (res.status === 201) ackedItems.push(id);
					else throw new Error(`unexpected ${res.status}`);
				} catch {
					return;
				}
			}
		};
		const workers = [...[0, 1, 2].map(worker), apiWorker()];
		while (acked.length < 30) await new Promise((resolve) => setTimeout(resolve, 5));
		process.kill(first.pid, 'SIGKILL');
		await Promise.all(workers);
		await first.stop();
		expect(sent).toBeGreaterThan(acked.length);

		const second = await startServer({ dbPath });
		try {
			const plan = (await fetchText(`${second.url}/api/plan`)).body;
			const missing = acked.filter((reason) => !plan.includes(`"${reason}"`));
			expect(missing, `${missing.length} of ${acked.length} acknowledged writes lost`).toEqual([]);
			const lostItems = ackedItems.filter((id) => !plan.includes(`"id":"${id}"`));
			expect(
				lostItems,
				`${lostItems.length} of ${ackedItems.length} acknowledged items lost`
			).toEqual([]);
		} finally {
			await second.stop();
		}
		const db = new DatabaseSync(dbPath, { readOnly: true });
		const check = db.prepare('PRAGMA integrity_check').all();
		const fk = db.prepare('PRAGMA foreign_key_check').all();
		const history = db
			.prepare("SELECT count(*) AS n FROM history WHERE entity = 'commitment'")
			.get() as {
			n: number;
		};
		db.close();
		expect(check).toEqual([{ integrity_check: 'ok' }]);
		expect(fk).toEqual([]);
		expect(history.n).toBeGreaterThanOrEqual(acked.length);
	} finally {
		removeTempDb(dbPath);
	}
});
