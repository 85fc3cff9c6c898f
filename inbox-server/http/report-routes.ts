// REST for reports (supervisors and administrators): a range of days as JSON, or one breakdown of it as CSV.
import { Hono, type Context } from 'hono'
import { ReportCsvQuery, ReportQuery } from '../../protocol/reports.ts'
import { reportCsv } from '../app/report-csv.ts'
import { reportPeriod, type Reports } from '../app/reports.ts'
import { apiError } from './api-error.ts'
import { validate } from './request-body.ts'
import type { StaffEnv } from './staff-auth-middleware.ts'

/** Polish channel names for the CSV (a report for the ministry is read in Polish). */
const CHANNEL_NAMES: Record<string, string> = { webchat: 'Czat', messenger: 'Messenger', telegram: 'Telegram', email: 'E-mail', sms: 'SMS', voice: 'Telefon', form: 'Formularz' }

export function reportRoutes(deps: { reports: Reports }) {
  const app = new Hono<StaffEnv>()
  const allowed = (c: Context<StaffEnv>) => c.get('consultant').role === 'supervisor' || c.get('consultant').role === 'admin'

  app.get('/reports', async (c) => {
    if (!allowed(c)) return apiError(c, 'forbidden', 'Reports are for supervisors')
    const q = validate(ReportQuery, c.req.query())
    if (!q.ok) return apiError(c, q.code, q.message, q.details)
    const period = reportPeriod(q.value.from, q.value.to)
    if (!period) return apiError(c, 'bad_request', 'Give real days, from not after to, at most 366 days')
    return c.json(await deps.reports(period))
  })

  app.get('/reports.csv', async (c) => {
    if (!allowed(c)) return apiError(c, 'forbidden', 'Reports are for supervisors')
    const q = validate(ReportCsvQuery, c.req.query())
    if (!q.ok) return apiError(c, q.code, q.message, q.details)
    const period = reportPeriod(q.value.from, q.value.to)
    if (!period) return apiError(c, 'bad_request', 'Give real days, from not after to, at most 366 days')
    const csv = reportCsv(await deps.reports(period), q.value.by, (ch) => CHANNEL_NAMES[ch] ?? ch)
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="raport-${q.value.by}-${q.value.from}-${q.value.to}.csv"`,
      'cache-control': 'no-store',
    })
  })
  return app
}
