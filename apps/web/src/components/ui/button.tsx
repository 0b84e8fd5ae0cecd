import type { ButtonHTMLAttributes } from 'react';
import { Spinner } from './spinner.tsx';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-indigo-600 text-white hover:bg-indigo-500 focus-visible:outline-indigo-600 shadow-sm',
  secondary: 'bg-white text-gray-900 ring-1 ring-inset ring-gray-300 hover:bg-gray-50 focus-visible:outline-indigo-600 shadow-sm',
  danger: 'bg-red-600 text-white hover:bg-red-500 focus-visible:outline-red-600 shadow-sm',
  ghost: 'text-gray-700 hover:bg-gray-100 focus-visible:outline-indigo-600',
};

export function buttonClass(variant: Variant = 'primary', extra = ''): string {
  return `inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60 ${VARIANTS[variant]} ${extra}`;
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  /** Shows a spinner and disables the button while an action runs. */
  isLoading?: boolean;
}

export function Button({ variant = 'primary', isLoading = false, className = '', type = 'button', disabled, children, ...rest }: ButtonProps) {
  return (
    <button type={type} className={buttonClass(variant, className)} disabled={disabled || isLoading} aria-busy={isLoading || undefined} {...rest}>
      {isLoading && <Spinner />}
      {children}
    </button>
  );
}

/** A settings form's Save button with its "Saved." status beside it (announced to screen readers). */
export function SaveBar({ isSaving, isSaved }: { isSaving: boolean; isSaved: boolean }) {
  return (
    <div className="flex items-center gap-3">
      <Button type="submit" isLoading={isSaving}>
        Save
      </Button>
      <span role="status" className="text-sm text-green-700">
        {isSaved ? 'Saved.' : ''}
      </span>
    </div>
  );
}
