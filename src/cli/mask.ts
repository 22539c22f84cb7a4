/**
 * The last pass over report text that can quote an artifact (the `--check` diff, in text and in JSON), after the
 * library has masked every secret this compile knows (`maskedComparison`). The old side of a diff can still hold a
 * value this compile no longer knows on a line with no counterpart (a removed resource, a left-over file): every
 * token shaped like a derived password or its base64, 16 or more letters and digits mixing upper case, lower case
 * and digits, is masked too. Names scorec derives are lower-case hex, so they stay readable.
 */
export function maskReportText(text: string): string {
  return text.replace(/[A-Za-z0-9+/]{16,}={0,2}/g, (token) =>
    /[A-Z]/.test(token) && /[a-z]/.test(token) && /[0-9]/.test(token) ? "<secret>" : token,
  );
}
