export default async function globalTeardown(): Promise<void> {
  const drop = (globalThis as { __E2E_DROP__?: () => Promise<void> }).__E2E_DROP__;
  if (drop && process.env.E2E_KEEP_DB !== 'true') await drop();
}
