// Web contact forms in the channel contract: a submission posted as JSON with the form's secret (or a wrong one);
// the portal's submission id is the idempotency key. Forms are answered by e-mail, so no outbound part here.
import type { TestHub } from '../../test/support/test-hub.ts'
import type { ContractCase } from '../contract.case.test.ts'
import { createFormsConnector } from '../forms/forms-connector.ts'

const SECRET = 'kontrakt-sekret-formularza'

export const formsCase: ContractCase = {
  name: 'forms',
  refusedStatus: 403,
  async setup() {
    return { connectors: [createFormsConnector({ forms: { kontakt: { secret: SECRET } }, perMinute: 1000 })], close: async () => {} }
  },
  async deliver(t: TestHub, messages, opts = {}) {
    let status = 200
    for (const m of [...messages].sort((a, b) => a.sentAt - b.sentAt)) {
      const r = await t.api('/connectors/forms/kontakt', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-form-secret': opts.authentic === false ? 'zly-sekret-formularza-1' : SECRET },
        body: JSON.stringify({ name: 'Kontrakt', email: `k${m.senderId}@example.pl`, message: m.text, submissionId: m.id }),
      })
      status = r.status
      if (status !== 200) return status
    }
    return status
  },
}
