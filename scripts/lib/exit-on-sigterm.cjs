// Preloaded only by `BENCH_PROFILE` runs: Nest's shutdown hooks re-raise SIGTERM after closing, and a process killed
// by a signal never writes its `--cpu-prof` profile; exiting normally does.
process.on('SIGTERM', () => process.exit(0));
