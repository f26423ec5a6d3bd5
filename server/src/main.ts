import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { openDataSource } from './database/data-source';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (process.env.MIGRATE_ON_START !== 'false') {
    const ds = await openDataSource(config);
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
  }
  const app = await createApp(config);
  const logger = new Logger('Config');
  for (const warning of config.warnings) logger.warn(warning);
  await app.listen(config.port, config.host);
}

void bootstrap();
