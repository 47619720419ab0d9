// Every GitHub request gets a deadline: a hung connection fails the attempt (retried with
// backoff) instead of holding an action, and the worker, forever. Octokit takes a `fetch`.
export const GITHUB_REQUEST_TIMEOUT_MS = 10_000;

type Fetch = typeof fetch;

/** `fetch` that aborts after `timeoutMs`, honouring a signal the caller already passed. */
export function fetchWithTimeout(timeoutMs: number, inner: Fetch = fetch): Fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return inner(input, { ...init, signal });
  };
}
