import type { ReactNode } from 'react'

interface IBase {
  children?: ReactNode
  className?: string
  id?: string
  onClick?: () => void
}

export function View({ children, className, id, onClick }: IBase) {
  return (
    <div className={className} id={id} onClick={onClick}>
      {children}
    </div>
  )
}

export function Text({ children, className }: IBase) {
  return <span className={className}>{children}</span>
}

export function Button({ children, className, onClick, disabled }: IBase & { disabled?: boolean }) {
  return (
    <button type='button' className={className} onClick={onClick} disabled={disabled}>
      {children}
    </button>
  )
}

interface IInput {
  className?: string
  placeholder?: string
  password?: boolean
  value?: string
  onInput?: (e: { detail: { value: string } }) => void
}

export function Input({ className, placeholder, password, value, onInput }: IInput) {
  return (
    <input
      className={className}
      placeholder={placeholder}
      type={password ? 'password' : 'text'}
      value={value}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
    />
  )
}
