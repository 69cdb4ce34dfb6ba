// What keeps the sandbox (`npm start`) to its owner on a shared machine:
// - a random owner password per .sandbox/, kept in .sandbox/owner-password (mode 600);
// - .sandbox/ and everything n8n keeps there (config with the encryption key,
//   database.sqlite, logs) readable by the owner only: directories 700, files 600.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PASSWORD_FILE = 'owner-password';

/**
 * n8n wants 8–64 characters with a digit and a capital letter: 24 random base64url
 * characters (144 bits), framed so that both are always there.
 */
export function randomPassword() {
	return `Ry${randomBytes(18).toString('base64url')}-9`;
}

/**
 * The sandbox's owner password: read from `<dir>/owner-password`, or made and written
 * there (mode 600) on the first run. `created` says which.
 */
export function sandboxPassword(dir) {
	const file = join(dir, PASSWORD_FILE);
	if (existsSync(file)) {
		chmodSync(file, 0o600);
		const password = readFileSync(file, 'utf8').trim();
		if (password.length >= 8) return { password, file, created: false };
	}
	const password = randomPassword();
	writeFileSync(file, `${password}\n`, { mode: 0o600 });
	chmodSync(file, 0o600);
	return { password, file, created: true };
}

/**
 * Directories 700 and files 600 under `dir` (symbolic links left alone; the
 * installed package's node_modules only get their directory closed).
 */
export function lockDown(dir) {
	if (!existsSync(dir)) return;
	const walk = (path, depth) => {
		const stat = lstatSync(path);
		if (stat.isSymbolicLink()) return;
		if (stat.isDirectory()) {
			chmodSync(path, 0o700);
			if (depth > 6 || path.endsWith('node_modules')) return;
			for (const name of readdirSync(path)) walk(join(path, name), depth + 1);
			return;
		}
		if (stat.isFile()) chmodSync(path, 0o600);
	};
	walk(dir, 0);
}
