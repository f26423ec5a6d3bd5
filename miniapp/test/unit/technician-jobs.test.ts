import { describe, expect, it } from 'vitest'
import { TicketAction, type IFeeItem, type ITicket } from '@app/shared'
import Taro from '../mocks/taro'
import { reply, staff, tokenPair } from '../fixtures'
import { Role } from '@app/shared'
import { acceptJob, declineJob, getMyJobs, grabJob, quoteJob, startWork } from '../../src/services/api/tickets'
import { saveSession } from '../../src/services/session'
import { previewQuote, technicianActions, toQuoteRequest, visitAtIso } from '../../src/packages/technician/utils/job-actions'

const BASE = 'https://api.example.test'
const sent = (i = 0) => Taro.request.mock.calls[i][0] as { url: string; method: string; data: unknown }
const job = (actions: TicketAction[], onHold = false) => ({ actions, onHold }) as Pick<ITicket, 'actions' | 'onHold'>

const item = (code: string, labourPriceFen: number, callOutFeeFen: number | null = null) =>
  ({ id: 1, versionId: 1, categoryCode: 'GS', code, name: code, unit: '个', labourPriceFen, callOutFeeFen, materialsExtra: true, serviceStandard: '', sortOrder: 1 }) as IFeeItem

describe('technician job api', () => {
  it.each([
    ['grab', () => grabJob(5), '/api/tickets/5/grab', {}],
    ['accept', () => acceptJob(5, '2026-11-23T06:00:00.000Z'), '/api/tickets/5/accept', { visitAt: '2026-11-23T06:00:00.000Z' }],
    ['decline', () => declineJob(5, '不在片区'), '/api/tickets/5/decline', { reason: '不在片区' }],
    ['start', () => startWork(5), '/api/tickets/5/start', {}],
    ['requote', () => quoteJob(5, { items: [{ code: 'GS-004', quantityMilli: 1000 }] }, true), '/api/tickets/5/requote', { items: [{ code: 'GS-004', quantityMilli: 1000 }] }],
  ])('posts %s', async (_name, call, path, data) => {
    saveSession(tokenPair(staff([Role.Technician])))
    Taro.request.mockResolvedValueOnce(reply(200, { id: 5 }))
    await call()
    expect(sent()).toMatchObject({ url: `${BASE}${path}`, method: 'POST', data })
  })

  it('reads my jobs from the page envelope', async () => {
    saveSession(tokenPair(staff([Role.Technician])))
    Taro.request.mockResolvedValueOnce(reply(200, { items: [{ id: 1 }, { id: 2 }], total: 2, page: 1, pageSize: 50 }))
    await expect(getMyJobs()).resolves.toHaveLength(2)
    expect(sent().url).toBe(`${BASE}/api/tickets/jobs/mine?pageSize=50`)
  })
})

describe('technician buttons', () => {
  it('follow ticket.actions, with one primary button', () => {
    const buttons = technicianActions(job([TicketAction.Decline, TicketAction.Accept]))
    expect(buttons.map((b) => [b.action, b.kind, b.primary])).toEqual([
      ['accept', 'visit', true],
      ['decline', 'reason', false],
    ])
    expect(technicianActions(job([TicketAction.AgreeQuote, TicketAction.DeclineQuote])).map((b) => b.label)).toEqual(['请业主签字确认报价', '业主拒绝报价'])
    expect(technicianActions(job([TicketAction.Verify])).map((b) => b.kind)).toEqual(['sign'])
  })

  it('show nothing for staff-only actions or while on hold', () => {
    expect(technicianActions(job([TicketAction.Register, TicketAction.Cancel]))).toEqual([])
    expect(technicianActions(job([TicketAction.CheckIn], true))).toEqual([])
  })
})

describe('quote preview', () => {
  it('prices the picked items with the shared buildQuote, including the highest call-out fee', () => {
    const items = [item('GS-001', 2000), item('GS-004', 3000, 1500), item('GS-009', 800)]
    const quote = previewQuote(items, { 'GS-001': 2000, 'GS-004': 1000, 'GS-009': 0 })
    expect(quote.labourFen).toBe(7000)
    expect(quote.totalFen).toBe(7000 + quote.callOutFen)
    expect(quote.lines.map((l) => l.code)).toEqual(expect.arrayContaining(['GS-001', 'GS-004']))
    expect(toQuoteRequest({ 'GS-001': 2000, 'GS-009': 0 })).toEqual({ items: [{ code: 'GS-001', quantityMilli: 2000 }] })
  })

  it('only accepts a visit time in the future', () => {
    const now = new Date(2026, 10, 22, 10, 0)
    expect(visitAtIso('2026-11-22', '09:30', now)).toBeNull()
    expect(new Date(visitAtIso('2026-11-22', '14:30', now) ?? '').getHours()).toBe(14)
    expect(visitAtIso('bad', '14:30', now)).toBeNull()
  })
})
