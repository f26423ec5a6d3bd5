import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PASSWORD_RULE_TEXT, Role } from '@app/shared';
import Taro, { router } from '../mocks/taro';
import { envelope, reply, resident, staff, tokenPair } from '../fixtures';
import { requested, stubApi } from '../api-stub';
import App from '../../src/app';
import ChangePassword from '../../src/packages/resident/pages/password';
import Settings from '../../src/packages/resident/pages/settings';
import Mine from '../../src/pages/mine';
import { getMe } from '../../src/services/api/auth';
import { PASSWORD_CHANGE_EVENT, saveSession } from '../../src/services/session';
import { Routes, changePasswordUrl } from '../../src/routes';
import {
  PASSWORD_RULES,
  emptyPasswordDraft,
  hasPasswordErrors,
  passwordErrorsFromServer,
  toChangePasswordRequest,
  validatePasswordDraft,
} from '../../src/packages/resident/utils/password-form';

const filled = { currentPassword: 'Tmp7kQ2mXr9a', newPassword: 'garden2026x', confirm: 'garden2026x' };

describe('password form', () => {
  it('names every empty field', () => {
    expect(validatePasswordDraft(emptyPasswordDraft())).toEqual({
      currentPassword: '请输入当前密码',
      newPassword: '请输入新密码',
      confirm: '请再次输入新密码',
    });
  });

  it('applies the shared staff password rule before sending', () => {
    expect(validatePasswordDraft({ ...filled, newPassword: 'ab12', confirm: 'ab12' }).newPassword).toBe(
      '密码至少 8 位',
    );
    expect(validatePasswordDraft({ ...filled, newPassword: 'abcdefgh', confirm: 'abcdefgh' }).newPassword).toBe(
      '密码须同时包含字母和数字',
    );
    expect(validatePasswordDraft({ ...filled, newPassword: '12345678', confirm: '12345678' }).newPassword).toBe(
      '密码须同时包含字母和数字',
    );
    const long = `a1${'x'.repeat(71)}`;
    expect(validatePasswordDraft({ ...filled, newPassword: long, confirm: long }).newPassword).toBe(
      '新密码不能超过 72 位',
    );
  });

  it('refuses the current password again, and a confirmation that differs', () => {
    expect(
      validatePasswordDraft({ ...filled, newPassword: filled.currentPassword, confirm: filled.currentPassword })
        .newPassword,
    ).toBe('新密码不能与当前密码相同');
    expect(validatePasswordDraft({ ...filled, confirm: 'garden2026y' })).toEqual({ confirm: '两次输入的新密码不一致' });
  });

  it('accepts a good draft and sends both passwords exactly as typed, without the confirmation', () => {
    expect(hasPasswordErrors(validatePasswordDraft(filled))).toBe(false);
    expect(toChangePasswordRequest({ ...filled, newPassword: ' garden 2026 ', confirm: ' garden 2026 ' })).toEqual({
      currentPassword: 'Tmp7kQ2mXr9a',
      newPassword: ' garden 2026 ',
    });
  });

  it('puts the server’s field messages under their fields and the rest under the form', () => {
    expect(
      passwordErrorsFromServer([
        { field: 'currentPassword', message: '当前密码不正确' },
        { field: 'newPassword', message: '新密码不能与当前密码相同' },
        { field: 'other', message: '请求无效' },
      ]),
    ).toEqual({ currentPassword: '当前密码不正确', newPassword: '新密码不能与当前密码相同', form: '请求无效' });
  });

  it('states the shared rule first', () => {
    expect(PASSWORD_RULES[0]).toBe(PASSWORD_RULE_TEXT);
  });
});

function type(placeholder: string, value: string) {
  fireEvent.change(screen.getByPlaceholderText(placeholder), { target: { value } });
}

function fill(current: string, next: string, confirm = next) {
  type('请输入当前密码', current);
  type('请输入新密码', next);
  type('请再次输入新密码', confirm);
}

describe('修改密码 page', () => {
  const technician = (mustChangePassword: boolean) => staff([Role.Technician], { mustChangePassword });

  it('shows the rules, checks before sending, and sends nothing while a field is wrong', async () => {
    saveSession(tokenPair(technician(false)));
    stubApi({ 'GET /api/me': reply(200, technician(false)) });
    render(<ChangePassword />);
    await screen.findByText(`· ${PASSWORD_RULE_TEXT}`);
    fill('Tmp7kQ2mXr9a', 'abcdefgh', 'abcdefgi');
    fireEvent.click(screen.getByText('确认修改'));
    expect(screen.getByText('密码须同时包含字母和数字')).toBeTruthy();
    expect(screen.getByText('两次输入的新密码不一致')).toBeTruthy();
    expect(requested('POST', '/api/me/password')).toBe(false);
  });

  it('shows the server’s 当前密码不正确 under 当前密码', async () => {
    saveSession(tokenPair(technician(false)));
    stubApi({
      'GET /api/me': reply(200, technician(false)),
      'POST /api/me/password': reply(
        422,
        envelope('VALIDATION_FAILED', '请求参数不合法', {
          fields: [{ field: 'currentPassword', message: '当前密码不正确' }],
        }),
      ),
    });
    render(<ChangePassword />);
    await screen.findByText('修改密码');
    fill('wrong-one', 'garden2026x');
    fireEvent.click(screen.getByText('确认修改'));
    const message = await screen.findByText('当前密码不正确');
    expect(message.previousElementSibling?.getAttribute('placeholder')).toBe('请输入当前密码');
  });

  it('after a forced change sends the technician to 师傅工作台', async () => {
    router.params = { forced: '1' };
    saveSession(tokenPair(technician(true)));
    let changed = false;
    stubApi({
      'GET /api/me': () => reply(200, technician(!changed)),
      'POST /api/me/password': (data) => {
        expect(data).toEqual({ currentPassword: 'Tmp7kQ2mXr9a', newPassword: 'garden2026x' });
        changed = true;
        return reply(204);
      },
    });
    render(<ChangePassword />);
    await screen.findByText('请先修改密码');
    expect(screen.getByText(/您的密码由管理员设置/)).toBeTruthy();
    fill('Tmp7kQ2mXr9a', 'garden2026x');
    fireEvent.click(screen.getByText('确认修改'));
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: Routes.technicianHome }));
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '密码已修改', icon: 'success' });
  });

  it('after a change from 设置 goes back', async () => {
    saveSession(tokenPair(technician(false)));
    stubApi({ 'GET /api/me': reply(200, technician(false)), 'POST /api/me/password': reply(204) });
    render(<ChangePassword />);
    await screen.findByText('修改密码');
    expect(screen.queryByText('退出登录')).toBeNull();
    fill('Tmp7kQ2mXr9a', 'garden2026x');
    fireEvent.click(screen.getByText('确认修改'));
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });

  it('tells a resident there is no password', async () => {
    saveSession(tokenPair(resident()));
    stubApi({ 'GET /api/me': reply(200, resident()) });
    render(<ChangePassword />);
    await screen.findByText('住户账号使用微信登录，没有密码。');
    expect(screen.queryByText('确认修改')).toBeNull();
  });
});

describe('getting to 修改密码', () => {
  it('设置 offers it to staff only', async () => {
    saveSession(tokenPair(staff([Role.Technician])));
    stubApi({ 'GET /api/me': reply(200, staff([Role.Technician])), 'GET /api/meta': reply(404) });
    const { unmount } = render(<Settings />);
    fireEvent.click(await screen.findByText('修改密码'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: Routes.changePassword });
    unmount();

    saveSession(tokenPair(resident()));
    stubApi({ 'GET /api/me': reply(200, resident()), 'GET /api/meta': reply(404) });
    render(<Settings />);
    await screen.findByText('退出登录');
    expect(screen.queryByText('修改密码')).toBeNull();
  });

  it('the app opens it (forced) when told to, except over itself, and stops listening when unmounted', () => {
    const { unmount } = render(<App>page</App>);
    Taro.eventCenter.trigger(PASSWORD_CHANGE_EVENT);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: changePasswordUrl(true) });
    expect(changePasswordUrl(true)).toBe(`${Routes.changePassword}?forced=1`);

    Taro.reLaunch.mockClear();
    Taro.getCurrentPages.mockImplementation(() => [{ route: Routes.changePassword.slice(1) }]);
    Taro.eventCenter.trigger(PASSWORD_CHANGE_EVENT);
    expect(Taro.reLaunch).not.toHaveBeenCalled();

    Taro.getCurrentPages.mockImplementation(() => [{ route: 'pages/index/index' }]);
    unmount();
    Taro.eventCenter.trigger(PASSWORD_CHANGE_EVENT);
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });

  it('a password sign-in with an administrator’s password goes to 修改密码, not to the home page', async () => {
    render(<App>page</App>);
    const pending = staff([Role.Technician], { mustChangePassword: true });
    stubApi({
      'GET /api/meta': reply(200, { version: '1', wechatLogin: false, demoLogin: false, servicePhone: null }),
      'POST /api/auth/password/login': reply(200, tokenPair(pending)),
      'GET /api/me': reply(200, pending),
    });
    render(<Mine />);
    await screen.findByPlaceholderText('手机号或用户名');
    type('手机号或用户名', 'tech6');
    type('密码', 'Tmp7kQ2mXr9a');
    fireEvent.click(screen.getByText('登录'));
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: changePasswordUrl(true) }));
    expect(Taro.switchTab).not.toHaveBeenCalled();
  });

  it('any call the server refuses with PASSWORD_CHANGE_REQUIRED sends the app there', async () => {
    render(<App>page</App>);
    saveSession(tokenPair(staff([Role.Technician])));
    stubApi({ 'GET /api/me': reply(403, envelope('PASSWORD_CHANGE_REQUIRED', '请先修改密码')) });
    await expect(getMe()).rejects.toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', status: 403 });
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: changePasswordUrl(true) });
  });
});
