/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * transport/http/body.ts: an answer's body read under the size cap (a declared
 * Content-Length, a Buffer, a string, a stream cut as soon as it passes the cap),
 * a stream that closes early, and parsing that never throws.
 */
import { PassThrough, Readable } from 'node:stream';

import { discardBody, parseBody, readBody } from '../../../../nodes/RyzeApi/transport/http/body';

describe('readBody', () => {
	it('a declared Content-Length over the cap fails at once and destroys the stream', async () => {
		const stream = new PassThrough();
		expect(await readBody(stream, 10, '11')).toEqual({ ok: false, reason: 'too_large' });
		expect(stream.destroyed).toBe(true);
	});

	it('reads a stream to text when it stays within the cap', async () => {
		expect(await readBody(Readable.from([Buffer.from('{"a":'), '1}']), 10, '6')).toEqual({ ok: true, value: '{"a":1}' });
	});

	it('cuts a stream as soon as it passes the cap, without reading the rest', async () => {
		const stream = new PassThrough();
		const read = readBody(stream, 10);
		stream.write('12345');
		stream.write('678901');
		expect(await read).toEqual({ ok: false, reason: 'too_large' });
		expect(stream.destroyed).toBe(true);
	});

	it('a stream that closes or fails before its end reads as closed', async () => {
		const closing = new PassThrough();
		const closed = readBody(closing, 100);
		closing.write('{"partial":');
		closing.destroy();
		expect(await closed).toEqual({ ok: false, reason: 'closed' });

		const failing = new PassThrough();
		const failed = readBody(failing, 100);
		failing.destroy(new Error('ECONNRESET'));
		expect(await failed).toEqual({ ok: false, reason: 'closed' });
	});

	it('a Buffer or a string is held to the same cap; a value the host already parsed is kept', async () => {
		expect(await readBody(Buffer.from('é'), 10)).toEqual({ ok: true, value: 'é' });
		expect(await readBody(Buffer.alloc(11), 10)).toEqual({ ok: false, reason: 'too_large' });
		expect(await readBody('x'.repeat(11), 10)).toEqual({ ok: false, reason: 'too_large' });
		expect(await readBody('ok', 10)).toEqual({ ok: true, value: 'ok' });
		const parsed = { success: true };
		expect(await readBody(parsed, 10)).toEqual({ ok: true, value: parsed });
		expect(await readBody(undefined, 10)).toEqual({ ok: true, value: undefined });
	});
});

describe('discardBody', () => {
	it('destroys a stream and leaves anything else alone', () => {
		const stream = new PassThrough();
		discardBody(stream);
		expect(stream.destroyed).toBe(true);
		expect(() => discardBody('text')).not.toThrow();
		expect(() => discardBody(null)).not.toThrow();
		expect(() => discardBody({ on: () => undefined })).not.toThrow();
	});
});

describe('parseBody', () => {
	it('JSON when it parses, the text when it does not, undefined when empty; never throws', () => {
		expect(parseBody(' {"success":true} ')).toEqual({ success: true });
		expect(parseBody('[1,2]')).toEqual([1, 2]);
		expect(parseBody('"quoted"')).toBe('quoted');
		expect(parseBody('{"broken":')).toBe('{"broken":');
		expect(parseBody('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
		expect(parseBody('Too many requests')).toBe('Too many requests');
		expect(parseBody('   ')).toBeUndefined();
		expect(parseBody('')).toBeUndefined();
		const kept = { already: 'parsed' };
		expect(parseBody(kept)).toBe(kept);
	});
});
