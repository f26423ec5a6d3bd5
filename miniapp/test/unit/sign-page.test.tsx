import { describe, expect, it, vi } from 'vitest';
import { forwardRef, useEffect, useImperativeHandle } from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, type ITicket } from '@app/shared';
import Taro, { router } from '../mocks/taro';
import { envelope, reply, resident, tokenPair } from '../fixtures';
import { stubApi } from '../api-stub';
import { saveSession } from '../../src/services/session';
// vi.mock below is hoisted above this import, so the page gets the stand-in pad.
import Sign, { QUOTE_CHANGED_MESSAGE } from '../../src/packages/resident/pages/sign';

// jsdom has no 2D canvas: a pad that is always signed and exports a fixed file.
vi.mock('../../src/components/SignaturePad', () => ({
  default: forwardRef(function Pad({ onChange }: { onChange?: (s: boolean) => void }, ref) {
    useImperativeHandle(ref, () => ({ clear: vi.fn(), exportPng: () => Promise.resolve('blob:signature') }));
    useEffect(() => onChange?.(true), []);
    return <div className="sig-pad" />;
  }),
}));

/**
 * 确认签字 is enabled once the pad reports a signature, from an effect; a click on the still-disabled button is
 * ignored (as on a phone). Under CI load both tests here once clicked too early and waited 5 s for nothing.
 */
async function clickConfirm() {
  const button = screen.getByText('确认签字').closest('button') as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  fireEvent.click(button);
}

const quoted = (totalFen: number, snapshotHash: string) =>
  ({
    id: 7,
    serial: 'YGHY-261122-0007',
    houseId: 501,
    houseLabel: '3栋1单元1201',
    status: 'quoted',
    onHold: false,
    actions: ['agree_quote', 'decline_quote', 'cancel'],
    quote: {
      id: 1,
      seq: 1,
      status: 'pending',
      totalFen,
      snapshotHash,
      lines: [
        {
          kind: 'labour',
          code: 'GS-004',
          name: '抽水马桶水箱配件维修',
          unit: '次',
          unitPriceFen: totalFen,
          quantityMilli: 1000,
          amountFen: totalFen,
        },
      ],
    },
    acceptanceSnapshotHash: null,
  }) as unknown as ITicket;

describe('签字确认', () => {
  it('uploads the pad as a signature and agrees with the quote hash; a changed quote reloads and asks again', async () => {
    saveSession(tokenPair(resident()));
    router.params = { id: '7', mode: 'agree' };
    let current = quoted(6500, 'hash-1');
    const agreed: unknown[] = [];
    stubApi({
      'GET /api/me': reply(
        200,
        resident({ houses: [{ bindingId: 1, houseId: 501, projectId: 1, label: '3栋1单元1201', relation: 'owner' }] }),
      ),
      'GET /api/tickets/7': () => reply(200, current),
      'POST /api/tickets/7/agree': (data) => {
        agreed.push(data);
        current = quoted(8000, 'hash-2');
        return reply(409, envelope(ErrorCode.QuoteChanged, '报价已变更'));
      },
    });
    Taro.uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify({ id: 42, kind: 'signature' }) });
    render(<Sign />);
    expect((await screen.findAllByText('¥65.00')).length).toBeGreaterThan(0);
    await clickConfirm();

    expect(await screen.findByText(QUOTE_CHANGED_MESSAGE)).toBeTruthy();
    expect((await screen.findAllByText('¥80.00')).length).toBeGreaterThan(0);
    const upload = Taro.uploadFile.mock.calls[0][0] as { filePath: string; formData: Record<string, string> };
    expect(upload).toMatchObject({ filePath: 'blob:signature', formData: { kind: 'signature' } });
    expect(agreed[0]).toEqual({
      signatureMediaId: 42,
      signerName: resident().name,
      relation: 'owner',
      snapshotHash: 'hash-1',
    });
    await waitFor(() => expect(Taro.navigateBack).not.toHaveBeenCalled());
  });
});

const done = () =>
  ({
    id: 8,
    serial: 'YGHY-261122-0008',
    houseId: 501,
    houseLabel: '3栋1单元1201',
    status: 'done',
    onHold: false,
    actions: ['verify', 'request_rework'],
    quote: null,
    acceptanceSnapshotHash: 'a'.repeat(64),
  }) as unknown as ITicket;

describe('验收评价', () => {
  it('starts with no rating chosen and refuses to submit until the resident picks all three', async () => {
    saveSession(tokenPair(resident()));
    router.params = { id: '8', mode: 'verify' };
    const verified: unknown[] = [];
    stubApi({
      'GET /api/me': reply(
        200,
        resident({ houses: [{ bindingId: 1, houseId: 501, projectId: 1, label: '3栋1单元1201', relation: 'owner' }] }),
      ),
      'GET /api/tickets/8': () => reply(200, done()),
      'POST /api/tickets/8/verify': (data) => {
        verified.push(data);
        return reply(200, { ...done(), status: 'verified', actions: [] });
      },
    });
    Taro.uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify({ id: 43, kind: 'signature' }) });
    const { container } = render(<Sign />);
    expect(await screen.findByText('验收评价')).toBeTruthy();
    // Nothing pre-filled: no star is lit and every rating asks to be chosen.
    expect(container.querySelectorAll('.rating-stars__star--on')).toHaveLength(0);
    expect(screen.getAllByText('请选择')).toHaveLength(3);

    await clickConfirm();
    expect(await screen.findByText('请为「综合」打分（1–5 星）')).toBeTruthy();
    const rows = container.querySelectorAll('.sign__rating');
    fireEvent.click(rows[0].querySelectorAll('.rating-stars__star')[3]);
    fireEvent.click(rows[1].querySelectorAll('.rating-stars__star')[4]);
    await clickConfirm();
    expect(await screen.findByText('请为「态度」打分（1–5 星）')).toBeTruthy();
    expect(Taro.uploadFile).not.toHaveBeenCalled();
    expect(verified).toEqual([]);

    fireEvent.click(rows[2].querySelectorAll('.rating-stars__star')[2]);
    expect(screen.queryAllByText('请选择')).toHaveLength(0);
    await clickConfirm();
    await waitFor(() => expect(verified).toHaveLength(1));
    expect(verified[0]).toMatchObject({
      overall: 4,
      punctuality: 5,
      attitude: 3,
      signatureMediaId: 43,
      snapshotHash: 'a'.repeat(64),
    });
  });
});
