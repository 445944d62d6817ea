"use client";

import { useFormStatus } from "react-dom";

const styles = {
  primary: "bg-brand-700 text-white hover:bg-brand-900 aria-disabled:bg-stone-400",
  secondary: "border border-stone-300 bg-white text-stone-800 hover:border-brand-600 aria-disabled:text-stone-400",
  danger: "text-red-700 underline-offset-2 hover:underline aria-disabled:text-stone-400",
};

/**
 * A submit button that says what it is doing while its form is pending (or `pending`, for a form
 * sent by hand). Pending, it is aria-disabled rather than disabled, so it keeps the focus (a
 * disabled button drops it to <body>), and a second click is ignored.
 */
export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
  className = "",
  pending: sending = false,
  onClick,
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & {
  pendingText: string;
  variant?: keyof typeof styles;
  ref?: React.Ref<HTMLButtonElement>;
  pending?: boolean;
}) {
  const status = useFormStatus();
  const pending = status.pending || sending;
  return (
    <button
      type="submit"
      aria-disabled={pending || rest.disabled || undefined}
      className={`rounded-full px-4 py-2 text-sm font-medium transition ${styles[variant]} ${className}`}
      {...rest}
      onClick={(event) => {
        if (pending)
          event.preventDefault(); // the double-submit guard
        else onClick?.(event);
      }}
    >
      {pending ? pendingText : children}
    </button>
  );
}
