// Waits for a condition that becomes true asynchronously (a server restarting, a background loop):
// polls it, and fails with `what` if it is still false after `attempts` tries. Not a timing assertion.
export async function eventually(
  what: string,
  check: () => Promise<boolean> | boolean,
  attempts = 400,
  everyMs = 25,
): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`still not true: ${what}`);
}
