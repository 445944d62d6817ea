"use client";

import { useFormStatus } from "react-dom";

const styles = {
  primary: "bg-brand-700 text-white hover:bg-brand-900 disabled:bg-stone-400",
  secondary: "border border-stone-300 bg-white text-stone-800 hover:border-brand-600 disabled:text-stone-400",
  danger: "text-red-700 underline-offset-2 hover:underline disabled:text-stone-400",
};

/** A submit button that says what it is doing while its form is pending. */
export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
  className = "",
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { pendingText: string; variant?: keyof typeof styles; ref?: React.Ref<HTMLButtonElement> }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending || rest.disabled}
      aria-disabled={pending || rest.disabled}
      className={`rounded-full px-4 py-2 text-sm font-medium transition ${styles[variant]} ${className}`}
      {...rest}
    >
      {pending ? pendingText : children}
    </button>
  );
}
