// Fires many webhook POSTs at once (all in flight together) and waits for every
// answer, bounded by a per-request timeout. Plain node:http, one connection per
// request (no pooling limits, no keep-alive surprises).
import { request } from 'node:http';

/**
 * POSTs `bodies[i]` to `urls[i]`, all started in the same tick. Resolves one record
 * per request, in order: {index, url, body, status, answer, text, ms, error}.
 * `status` is null when no answer came (timeout, refused, reset); `answer` is the
 * parsed JSON answer, or null.
 */
export function fireAll(targets, { timeoutMs = 180000 } = {}) {
	const started = Date.now();
	return Promise.all(
		targets.map(({ url, body }, index) => post(url, body, timeoutMs, started).then((result) => ({ index, url, body, ...result }))),
	);
}

function post(url, body, timeoutMs, started) {
	return new Promise((resolve) => {
		const payload = Buffer.from(JSON.stringify(body));
		let done = false;
		const finish = (result) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			resolve({ ...result, ms: Date.now() - started });
		};
		const req = request(url, {
			method: 'POST',
			agent: false,
			headers: { 'content-type': 'application/json', 'content-length': payload.length, connection: 'close' },
		});
		const timer = setTimeout(() => {
			finish({ status: null, answer: null, text: '', error: `no answer within ${timeoutMs / 1000} s` });
			req.destroy();
		}, timeoutMs);
		req.on('response', (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let answer = null;
				try {
					answer = JSON.parse(text);
				} catch {
					// not JSON: kept as text
				}
				finish({ status: res.statusCode, answer, text: text.slice(0, 500), error: null });
			});
			res.on('error', (error) => finish({ status: res.statusCode, answer: null, text: '', error: error.message }));
		});
		req.on('error', (error) => finish({ status: null, answer: null, text: '', error: error.message }));
		req.end(payload);
	});
}
