import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainException } from './domain.exception';

/** Route ids: positive 32-bit integers; anything else is a 422 naming the parameter. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) {
      throw DomainException.validation(metadata.data ?? 'id', `${metadata.data ?? 'id'} 必须是正整数`);
    }
    return id;
  }
}
