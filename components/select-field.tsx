/**
 * A labelled select with its error beside it (aria-describedby), like TextField: `options` are
 * [value, label] pairs, `placeholder` an empty first choice. Not a live region: the form's
 * ErrorSummary announces a refusal.
 */
export function SelectField({
  label,
  name,
  id = name,
  error,
  options,
  placeholder,
  ...select
}: React.SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  error?: string;
  options: [value: string, label: string][];
  placeholder?: string;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
        className={`w-full rounded-lg border bg-white px-3 py-2 ${error ? "border-red-600" : "border-stone-300"}`}
        {...select}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <p id={`${id}-error`} className="min-h-5 text-sm text-red-700">
        {error ?? ""}
      </p>
    </div>
  );
}
