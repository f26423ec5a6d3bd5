import type { ReactNode } from 'react';

interface IBase {
  children?: ReactNode;
  className?: string;
  id?: string;
  onClick?: () => void;
}

export function View({ children, className, id, onClick }: IBase) {
  return (
    <div className={className} id={id} onClick={onClick}>
      {children}
    </div>
  );
}

export function Text({ children, className, onClick }: IBase) {
  return (
    <span className={className} onClick={onClick}>
      {children}
    </span>
  );
}

export function Button({
  children,
  className,
  onClick,
  disabled,
  loading,
}: IBase & { disabled?: boolean; loading?: boolean }) {
  return (
    <button type="button" className={className} onClick={onClick} disabled={disabled} aria-busy={loading}>
      {children}
    </button>
  );
}

interface IInput {
  className?: string;
  placeholder?: string;
  password?: boolean;
  type?: string;
  maxlength?: number;
  confirmType?: string;
  value?: string;
  onInput?: (e: { detail: { value: string } }) => void;
}

export function Input({ className, placeholder, password, type, maxlength, value, onInput }: IInput) {
  return (
    <input
      className={className}
      placeholder={placeholder}
      type={password ? 'password' : type === 'number' ? 'tel' : 'text'}
      maxLength={maxlength}
      value={value}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
    />
  );
}

export function Textarea({ className, placeholder, maxlength, value, onInput }: Omit<IInput, 'password' | 'type'>) {
  return (
    <textarea
      className={className}
      placeholder={placeholder}
      maxLength={maxlength}
      value={value}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
    />
  );
}

export function ScrollView({ children, className }: IBase & { scrollX?: boolean; enableFlex?: boolean }) {
  return <div className={className}>{children}</div>;
}

export function Image({ className, src, onClick }: IBase & { src?: string; mode?: string }) {
  return <img className={className} src={src} onClick={onClick} alt="" />;
}

/** The picker's own dialog is the platform's; tests read the value shown inside it. */
export function Picker({ children }: IBase & { mode?: string; value?: unknown; onChange?: unknown }) {
  return <div>{children}</div>;
}
