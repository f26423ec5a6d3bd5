import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MediaController } from './media.controller';
import { Media, MediaClaim } from './media.entity';
import { MediaService } from './media.service';
import { LocalDiskStorage, OBJECT_STORAGE, ObjectStorage } from './object-storage.client';
import { S3Storage } from './s3-storage.client';

/** Exports MediaService so tickets can claim uploaded photos/signatures and hand out signed links. */
@Module({
  imports: [TypeOrmModule.forFeature([Media, MediaClaim])],
  controllers: [MediaController],
  providers: [
    MediaService,
    {
      provide: OBJECT_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ObjectStorage =>
        config.media.s3 ? new S3Storage(config.media.s3) : new LocalDiskStorage(join(config.dataDir, 'media')),
    },
  ],
  exports: [MediaService],
})
export class MediaModule {}
