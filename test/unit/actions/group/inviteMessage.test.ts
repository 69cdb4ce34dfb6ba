/**
 * The invite message's template and recipient. The placeholders are `{{link}}` and
 * `{{groupName}}`, written in a parameter n8n evaluates only when its value starts
 * with `=`: checked here with n8n's own expression code, so a change in n8n that
 * would eat the placeholders fails here.
 */
import { Workflow, type IDataObject, type INodeTypes } from 'n8n-workflow';

import { recipientOf, renderInvite, validateInviteTemplate } from '../../../../nodes/RyzeApi/actions/group/inviteMessage';
import { InputError } from '../../../../nodes/RyzeApi/helpers/inputError';
import { parseParticipants } from '../../../../nodes/RyzeApi/helpers/participants';

const facts = { link: 'https://chat.whatsapp.com/AbC123', groupName: 'Customers' };

/** A parameter's value as n8n hands it to the node for an item whose json is `json`. */
function asN8nResolves(value: string, json: IDataObject): unknown {
	const node = {
		id: '1',
		name: 'RyzeAPI',
		type: 'n8n-nodes-ryzeapi.ryzeApi',
		typeVersion: 1.1,
		position: [0, 0] as [number, number],
		parameters: {},
	};
	const nodeType = { description: { properties: [] } };
	const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getParameterValue(value, null, 0, 0, node.name, [{ json }], 'manual', {});
}

describe('the invite template', () => {
	it('fills {{link}} and {{groupName}}, with or without a space inside the braces, as often as they appear', () => {
		expect(renderInvite('Join "{{groupName}}": {{link}} / {{ link }} / {{ groupName }}', facts)).toBe(
			'Join "Customers": https://chat.whatsapp.com/AbC123 / https://chat.whatsapp.com/AbC123 / Customers',
		);
		expect(renderInvite('{{other}} {{Link}} {{link}}', facts)).toBe('{{other}} {{Link}} https://chat.whatsapp.com/AbC123');
	});

	it('in a Fixed value n8n leaves the placeholders as written', () => {
		expect(asN8nResolves('Join {{groupName}}: {{link}}', { name: 'Ana' })).toBe('Join {{groupName}}: {{link}}');
	});

	it('in Expression mode n8n would eat {{link}} (the node then refuses the text); \\{{link}} reaches the node and is filled', () => {
		expect(asN8nResolves('=Hi {{ $json.name }}: {{link}}', { name: 'Ana' })).toBe('Hi Ana: ');
		const escaped = asN8nResolves('=Hi {{ $json.name }}, join \\{{groupName}}: \\{{link}}', { name: 'Ana' }) as string;
		expect(escaped).toBe('Hi Ana, join \\{{groupName}}: \\{{link}}');
		expect(renderInvite(validateInviteTemplate(escaped, 'Message'), facts)).toBe(
			'Hi Ana, join Customers: https://chat.whatsapp.com/AbC123',
		);
		expect(() => validateInviteTemplate('Hi Ana: ', 'Message')).toThrow(/has no \{\{link\}\} placeholder/);
	});

	it.each([
		['not text', 42, /must be text, but number was given/],
		['null', null, /must be text, but null was given/],
		['empty', ' \n ', /is empty/],
		['without {{link}}', 'Join {{groupName}}', /has no \{\{link\}\} placeholder/],
		['too long', `{{link}}${'x'.repeat(4089)}`, /4097 characters long; an invite message has at most 4096/],
	])('a template %s is refused, naming the field', (_case, value, message) => {
		let caught: unknown;
		try {
			validateInviteTemplate(value, 'Invite Message');
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(InputError);
		expect((caught as InputError).field).toBe('Invite Message');
		expect((caught as InputError).message).toMatch(message);
	});
});

describe('who can be messaged', () => {
	const person = (text: string) => parseParticipants(text).participants[0];

	it('a phone number or a phone JID, as given', () => {
		expect(recipientOf(person('+55 11 99999-0001'))).toEqual({ number: '5511999990001' });
		expect(recipientOf(person('5511999990001@c.us'))).toEqual({ number: '5511999990001@s.whatsapp.net' });
	});

	it('a LID only when RyzeAPI named its phone JID; otherwise no_phone_number, with the reason', () => {
		expect(recipientOf(person('199789077620004@lid'), '5511999990001@s.whatsapp.net')).toEqual({ number: '5511999990001@s.whatsapp.net' });
		for (const answered of [null, '199789077620004@lid', 'garbage@s.whatsapp.net'])
			expect(recipientOf(person('199789077620004@lid'), answered)).toEqual({
				errorCode: 'no_phone_number',
				reason: expect.stringMatching(/known only by a LID/),
			});
	});
});
