// The owner account, written into n8n's database before `n8n start`: n8n then never
// offers its owner setup (POST /rest/owner/setup answers 400 from the first
// connection), so no local process can race the sandbox for its owner.
//
// n8n 2.8.4 and 2.41.1 have no command that creates the owner; 2.41's
// N8N_INSTANCE_OWNER_MANAGED_BY_ENV does not exist in 2.8.4. What n8n's own owner setup
// does (OwnershipService.setupOwner: the shell owner that the migrations create gets
// email, names, a bcrypt hash with 10 rounds and lastActiveAt; its personal project is
// named after it; the setting userManagement.isInstanceOwnerSetUp becomes true) is done
// here in one SQLite transaction, with n8n's own sqlite3 and bcryptjs, run by the
// runtime's Node (sqlite3 is built for it). The password goes through stdin, never argv.
//
//   const { state } = await ensureOwner(userFolder, owner, { previousPasswords });
//   // 'created' | 'existing' | 'migrated' | 'refused' (with `why`)
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { run } from '../lib/processes.mjs';
import { currentRuntime, n8nDir, nodeBin } from './config.mjs';

/**
 * Makes `owner` ({email, firstName, lastName, password}) the owner of the n8n database in
 * `userFolder` (migrations done: any n8n command has run there). n8n must not be running.
 * - a fresh database (the shell owner): the owner is written, 'created';
 * - the owner is `owner.email` with `owner.password`: nothing changes, 'existing';
 * - the owner is `owner.email` with one of `previousPasswords`: the password becomes
 *   `owner.password`, 'migrated';
 * - anything else (another email, another password, no or several owners): nothing
 *   changes, 'refused', and `why` says what was found.
 */
export async function ensureOwner(userFolder, owner, { previousPasswords = [], runtime = currentRuntime() } = {}) {
	const input = JSON.stringify({
		db: resolve(userFolder, '.n8n', 'database.sqlite'),
		n8nPackage: join(n8nDir(runtime), 'node_modules', 'n8n', 'package.json'),
		owner,
		previousPasswords,
	});
	const result = await run(nodeBin(runtime), [fileURLToPath(import.meta.url), '--write-owner'], {
		cwd: n8nDir(runtime),
		input,
		allowFailure: true,
		timeoutMs: 120000,
	});
	const line = result.stdout.trim().split('\n').at(-1) ?? '';
	try {
		return JSON.parse(line);
	} catch {
		throw new Error(`writing the owner into the database failed (${result.code}): ${(result.stderr || result.stdout).trim().slice(-1500)}`);
	}
}

/** The child: one transaction on the database. Prints one JSON line. */
async function writeOwner({ db: file, n8nPackage, owner, previousPasswords }) {
	const require = createRequire(n8nPackage);
	const sqlite3 = require('sqlite3');
	const bcrypt = require('bcryptjs');
	// Read-write, never create: a missing database is an error, not a new empty one.
	const db = await new Promise((resolve, reject) => {
		const opened = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (error) =>
			error ? reject(new Error(`${file}: ${error.message}`)) : resolve(opened),
		);
	});
	const sql =
		(method) =>
		(query, params = []) =>
			new Promise((resolve, reject) => db[method](query, params, (error, rows) => (error ? reject(error) : resolve(rows))));
	const all = sql('all');
	const exec = sql('run');
	const email = owner.email.toLowerCase();
	const now = "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')";
	let answer;
	await exec('BEGIN IMMEDIATE');
	try {
		const owners = await all("SELECT id, email, password, lastActiveAt FROM user WHERE roleSlug = 'global:owner'");
		const [found] = owners;
		const matches = async (passwords) => {
			for (const password of passwords) if (found.password && (await bcrypt.compare(password, found.password))) return true;
			return false;
		};
		if (owners.length !== 1) {
			answer = { state: 'refused', why: `the database has ${owners.length} owner accounts, not one` };
		} else if (found.email === null && found.password === null && found.lastActiveAt === null) {
			await exec(
				`UPDATE user SET email = ?, firstName = ?, lastName = ?, password = ?, lastActiveAt = DATE('now'), updatedAt = ${now} WHERE id = ?`,
				[email, owner.firstName, owner.lastName, await bcrypt.hash(owner.password, 10), found.id],
			);
			await exec(
				`UPDATE project SET name = ?, updatedAt = ${now} WHERE type = 'personal' AND id IN (SELECT projectId FROM project_relation WHERE userId = ? AND role = 'project:personalOwner')`,
				[`${owner.firstName} ${owner.lastName} <${email}>`, found.id],
			);
			answer = { state: 'created' };
		} else if (found.email !== email) {
			answer = { state: 'refused', why: `its owner is ${found.email ?? '(an account without email)'}, not ${email}` };
		} else if (await matches([owner.password])) {
			answer = { state: 'existing' };
		} else if (await matches(previousPasswords)) {
			await exec(`UPDATE user SET password = ?, updatedAt = ${now} WHERE id = ?`, [await bcrypt.hash(owner.password, 10), found.id]);
			answer = { state: 'migrated' };
		} else {
			answer = { state: 'refused', why: `the password of its owner ${email} is not the one in owner-password` };
		}
		if (answer.state !== 'refused') {
			await exec("INSERT OR IGNORE INTO settings (key, value, loadOnStartup) VALUES ('userManagement.isInstanceOwnerSetUp', 'true', 1)");
			await exec("UPDATE settings SET value = 'true' WHERE key = 'userManagement.isInstanceOwnerSetUp'");
		}
		await exec('COMMIT');
	} catch (error) {
		await exec('ROLLBACK').catch(() => {});
		throw error;
	} finally {
		await new Promise((resolve) => db.close(resolve));
	}
	process.stdout.write(`${JSON.stringify(answer)}\n`);
}

if (process.argv[2] === '--write-owner' && process.argv[1] === fileURLToPath(import.meta.url)) {
	let text = '';
	process.stdin.setEncoding('utf8');
	process.stdin.on('data', (chunk) => (text += chunk));
	process.stdin.on('end', () =>
		writeOwner(JSON.parse(text)).catch((error) => {
			console.error(error.stack ?? error.message);
			process.exit(1);
		}),
	);
}
