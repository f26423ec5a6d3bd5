import { HttpStatus, Logger } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { ErrorCode } from '@app/shared';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { DomainException } from './domain.exception';

function hostFor(sent: { status?: number; body?: unknown }): ArgumentsHost {
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    type() {
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  return {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ id: 'req-1' }) }),
  } as unknown as ArgumentsHost;
}

describe('AllExceptionsFilter logging (R9)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs a deliberate 5xx DomainException as a warning with its code only, never a stack', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const sent: { status?: number; body?: unknown } = {};
    new AllExceptionsFilter().catch(
      new DomainException(ErrorCode.PdfFontMissing, '服务器未安装中文字体', HttpStatus.SERVICE_UNAVAILABLE),
      hostFor(sent),
    );
    expect(sent.status).toBe(503);
    expect(sent.body).toMatchObject({ code: ErrorCode.PdfFontMissing, requestId: 'req-1' });
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls[0])).not.toContain('stack');
    // Not under `code`: the R9 scan reads any other "code" value as a leaked WeChat login code.
    expect(warn.mock.calls[0][0]).toEqual({ errorCode: ErrorCode.PdfFontMissing, status: 503, requestId: 'req-1' });
  });

  it('still logs an unexpected error as an error', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const sent: { status?: number; body?: unknown } = {};
    new AllExceptionsFilter().catch(new Error('boom'), hostFor(sent));
    expect(sent.status).toBe(500);
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('answers 409 CONFLICT, not 500, when InnoDB still reports a deadlock after the transaction retries', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    for (const code of ['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']) {
      const sent: { status?: number; body?: unknown } = {};
      const driverError = Object.assign(new Error('Deadlock found when trying to get lock'), { code, errno: 1213 });
      new AllExceptionsFilter().catch(Object.assign(new Error('query failed'), { driverError }), hostFor(sent));
      expect(sent.status).toBe(409);
      expect(sent.body).toMatchObject({ code: ErrorCode.Conflict, requestId: 'req-1' });
    }
    expect(error).not.toHaveBeenCalled();
  });
});
