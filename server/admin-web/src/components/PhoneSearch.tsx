import { Input, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/api-error';

const PHONE = /^1[3-9]\d{9}$/;

/**
 * Finding a resident by the mobile number they registered with (代客报修's caller, 收银台's payer): checks the
 * number before asking the server, shows the server's refusal in words, and hands the rows to the caller.
 */
export function usePhoneLookup<T>(
  lookup: (phone: string) => Promise<T[]>,
  onFound: (rows: T[], phone: string) => void,
) {
  const [phone, setPhone] = useState('');
  const [searching, setSearching] = useState(false);
  const [found, setFound] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function search(raw: string) {
    const value = raw.trim();
    setError(null);
    if (!PHONE.test(value)) return setError('请填写有效的 11 位手机号');
    setSearching(true);
    try {
      const rows = await lookup(value);
      setFound(rows);
      onFound(rows, value);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setSearching(false);
    }
  }

  return { phone: phone.trim(), found, search, input: { value: phone, onChange: setPhone, searching, error } };
}

export function PhoneSearchInput({
  input,
  onSearch,
  placeholder,
  enterButton,
  width,
  testId,
}: {
  input: { value: string; onChange(value: string): void; searching: boolean; error: string | null };
  onSearch(raw: string): void;
  placeholder: string;
  enterButton: string;
  width: number;
  testId: string;
}) {
  return (
    <>
      <Input.Search
        style={{ maxWidth: width }}
        value={input.value}
        onChange={(e) => input.onChange(e.target.value)}
        onSearch={onSearch}
        loading={input.searching}
        maxLength={11}
        inputMode="tel"
        placeholder={placeholder}
        enterButton={enterButton}
        data-testid={testId}
      />
      {input.error ? <Typography.Text type="danger">{input.error}</Typography.Text> : null}
    </>
  );
}
