/**
 * ARCHITECTURE.md stays a true map: every module under src/lib is listed (a new module needs its
 * line), every listed module exists (a moved one needs its line moved), and the domain stays pure
 * (the rule the map states: no I/O, no framework, no clock library beyond luxon).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const map = readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
const isTest = (f: string) => /\.test(-helper)?\.ts$/.test(f);

function modules(dir: string): string[] {
	return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
		const rel = `${dir}/${name}`;
		if (statSync(path.join(ROOT, rel)).isDirectory())
			// Components and styles are not modules of their own; migrations are listed as a folder.
			return ['components', 'styles', 'migrations'].includes(name) ? [] : modules(rel);
		return name.endsWith('.ts') && !isTest(name) ? [rel] : [];
	});
}

const listed = [...map.matchAll(/^\| `(src\/[^`]+\.ts)`\s*\|/gm)].map((m) => m[1]!);

describe('ARCHITECTURE.md', () => {
	it('lists every module under src/lib', () => {
		const missing = modules('src/lib').filter((m) => !listed.includes(m));
		expect(missing, 'add a line for each to ARCHITECTURE.md').toEqual([]);
	});

	it('lists only modules that exist', () => {
		const gone = listed.filter((m) => {
			try {
				return !statSync(path.join(ROOT, m)).isFile();
			} catch {
				return true;
			}
		});
		expect(gone, 'remove or move their lines in ARCHITECTURE.md').toEqual([]);
	});

	it('keeps the domain pure: it imports only the domain, ids, data files and its libraries', () => {
		const allowed = new Set(['luxon', 'zod', 'date-holidays', 'windows-iana']);
		const wrong: string[] = [];
		for (const file of modules('src/lib/domain')) {
			const text = readFileSync(path.join(ROOT, file), 'utf8');
			for (const [, spec] of text.matchAll(/^\s*(?:import|export)[^'"]*?from '([^']+)'/gm)) {
				const target = spec!.startsWith('.')
					? path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec!))
					: spec!;
				const ok = spec!.startsWith('.')
					? target.startsWith('src/lib/domain/') ||
						target === 'src/lib/ids.ts' ||
						/^data\/[^/]+\.json$/.test(target)
					: allowed.has(spec!);
				if (!ok) wrong.push(`${file} imports ${spec}`);
			}
		}
		expect(wrong).toEqual([]);
	});
});
