/**
 * A labelled input with its error beside it (aria-describedby). The error is not a live region: the
 * form's ErrorSummary (error-summary.tsx) announces a refusal once, at the top, and moves the focus there.
 */
export function TextField({
  label,
  name,
  id = name,
  error,
  hint,
  ...input
}: React.InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string; hint?: string }) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`w-full rounded-lg border bg-white px-3 py-2 ${error ? "border-red-600" : "border-stone-300"}`}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-stone-500">
          {hint}
        </p>
      )}
      <p id={`${id}-error`} className="min-h-5 text-sm text-red-700">
        {error ?? ""}
      </p>
    </div>
  );
}
